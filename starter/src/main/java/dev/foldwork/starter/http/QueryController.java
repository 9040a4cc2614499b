package dev.foldwork.starter.http;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.security.RequestTenant;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads an aggregate's events and projections, always within the caller's tenant: another
 * tenant's aggregate answers exactly like one that does not exist.
 */
@RestController
@Conditional(ServesCommandsCondition.class)
public class QueryController {
    public record FoldView(String projection, String aggregateKey, long version, String lastEventId, Object state) {}

    public record RecordsView(String projection, String aggregateId, List<MapRecord> records) {}

    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;
    private final AppendStore records;

    public QueryController(PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore records) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
        this.records = records;
    }

    @GetMapping("/api/v1/pipelines/{pipeline}/aggregates/{aggregateId}/events")
    public ResponseEntity<List<Event>> events(@PathVariable String pipeline, @PathVariable String aggregateId, HttpServletRequest request) {
        Pipeline found = pipeline(pipeline);
        List<Event> history = events.read(RequestTenant.require(request), found.aggregateType(), Ids.aggregateId("aggregateId", aggregateId));
        if (history.isEmpty()) {
            throw notFound(pipeline, aggregateId);
        }
        return json(history);
    }

    @GetMapping("/api/v1/pipelines/{pipeline}/aggregates/{aggregateId}/projections/{projection}")
    public ResponseEntity<Object> projection(@PathVariable String pipeline, @PathVariable String aggregateId,
                             @PathVariable String projection, HttpServletRequest request) {
        Pipeline found = pipeline(pipeline);
        String id = Ids.aggregateId("aggregateId", aggregateId);
        TenantId tenant = RequestTenant.require(request);
        Optional<FoldProjection<?>> fold = found.folds().stream().filter(f -> f.name().equals(projection)).findFirst();
        if (fold.isPresent()) {
            return json(folds.get(tenant, projection, id).map(s -> view(projection, id, s)).orElseThrow(() -> notFound(pipeline, aggregateId)));
        }
        Optional<MapProjection<?>> map = found.maps().stream().filter(m -> m.name().equals(projection)).findFirst();
        if (map.isPresent()) {
            List<MapRecord> found2 = records.read(tenant, projection, id);
            if (found2.isEmpty()) {
                throw notFound(pipeline, aggregateId);
            }
            return json(new RecordsView(projection, id, found2));
        }
        throw new ApiException.NotFound("pipeline " + pipeline + " has no projection named \"" + projection + "\"");
    }

    @GetMapping("/api/v1/global/{projection}/{key}")
    public ResponseEntity<FoldView> global(@PathVariable String projection, @PathVariable String key, HttpServletRequest request) {
        boolean known = registry.globalFolds().stream().anyMatch(f -> f.name().equals(projection));
        if (!known) {
            throw new ApiException.NotFound("no global projection named \"" + projection + "\"");
        }
        String id = Ids.aggregateId("key", key);
        return json(folds.get(RequestTenant.require(request), projection, id).map(s -> view(projection, id, s))
                .orElseThrow(() -> new ApiException.NotFound("global projection " + projection + " has nothing under \"" + key + "\"")));
    }

    private Pipeline pipeline(String name) {
        return registry.pipeline(name).orElseThrow(() -> new ApiException.NotFound("no pipeline named \"" + name + "\""));
    }

    /** Labelled application/json whatever the Accept header asks, so a success never passes for a problem. */
    private static <T> ResponseEntity<T> json(T body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static FoldView view(String projection, String key, StoredFold stored) {
        return new FoldView(projection, key, stored.version(), stored.checkpoint().lastEventId(), stored.state());
    }

    private static ApiException.NotFound notFound(String pipeline, String aggregateId) {
        return new ApiException.NotFound("pipeline " + pipeline + " has no aggregate \"" + aggregateId + "\"");
    }
}
