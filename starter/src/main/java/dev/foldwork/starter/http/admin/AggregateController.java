package dev.foldwork.starter.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.TemporalProperties;
import dev.foldwork.starter.problem.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One aggregate as an operator sees it (admin key only): its events a page at a time in seq
 * order, each fold's stored state and checkpoint, and where its fold group lives in the mode
 * this service runs (the Temporal workflow, with a link to the Temporal UI, or the Redis group).
 * {@code cursor} is the seq a page starts at; {@code nextCursor} is null on the last page.
 */
@RestController
public class AggregateController {
    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;
    private final FoldworkProperties properties;
    private final TemporalProperties temporal;
    private final ObjectProvider<RedisDispatcher> redis;

    public AggregateController(PipelineRegistry registry, EventStore events, FoldStore folds, FoldworkProperties properties,
                               TemporalProperties temporal, ObjectProvider<RedisDispatcher> redis) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
        this.properties = properties;
        this.temporal = temporal;
        this.redis = redis;
    }

    public record Aggregate(String tenant, String pipeline, String aggregateType, String aggregateId, EventPage events,
                            List<FoldView> folds, TemporalLink temporal, RedisGroup redis) {}

    public record EventPage(List<EventView> items, String nextCursor) {}

    public record EventView(long seq, String id, String type, JsonNode payload) {}

    public record FoldView(String fold, JsonNode state, Long checkpoint) {}

    public record TemporalLink(String workflowId, String url) {}

    public record RedisGroup(String group) {}

    @GetMapping("/api/v1/admin/aggregates/{tenant}/{pipeline}/{id}")
    public Aggregate aggregate(@PathVariable String tenant, @PathVariable("pipeline") String pipelineName,
                               @PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                               @RequestParam(required = false) String cursor) {
        TenantId tenantId = TenantId.of(tenant);
        Pipeline pipeline = registry.pipeline(pipelineName).orElseThrow(() -> new ApiException.NotFound(
                "no pipeline is named \"" + pipelineName + "\""));
        Ids.aggregateId("aggregateId", id);
        int pageSize = QueueAdminController.checkedLimit(limit);
        long from = from(cursor);

        List<Event> read = events.read(new StreamId(tenantId, pipeline.aggregateType(), id), from, from + pageSize);
        List<EventView> items = read.stream().limit(pageSize)
                .map(event -> new EventView(event.seq(), event.id(), event.type(), event.data())).toList();
        String next = read.size() > pageSize ? Long.toString(read.get(pageSize).seq()) : null;

        List<FoldView> foldViews = pipeline.folds().stream().map(fold -> foldView(tenantId, fold, id)).toList();
        FoldGroupId group = new FoldGroupId(tenantId, pipeline.name(), pipeline.aggregateType(), id);
        return new Aggregate(tenantId.value(), pipeline.name(), pipeline.aggregateType().value(), id,
                new EventPage(items, next), foldViews, temporalLink(group), redisGroup(group));
    }

    /** The first seq of the page: 1 without a cursor, else a cursor a page gave (a positive seq). */
    private static long from(String cursor) {
        if (cursor == null) {
            return 1;
        }
        long seq = Long.parseLong(QueueAdminController.checkedPosition(cursor));
        if (seq < 1) {
            throw new ApiException.BadParameter("cursor \"" + cursor + "\" is not one a page of this listing gave");
        }
        return seq;
    }

    private FoldView foldView(TenantId tenant, FoldProjection<?> fold, String id) {
        Optional<StoredFold> stored = folds.get(tenant, fold.name(), id);
        return new FoldView(fold.name(), stored.map(StoredFold::state).orElse(null),
                stored.map(StoredFold::version).orElse(null));
    }

    private TemporalLink temporalLink(FoldGroupId group) {
        if (properties.dispatch() != FoldworkProperties.DispatchMode.TEMPORAL) {
            return null;
        }
        String ui = properties.ops().temporalUiUrl().replaceAll("/+$", "");
        String workflowId = group.toString();
        return new TemporalLink(workflowId, ui + "/namespaces/" + encode(temporal.namespace()) + "/workflows/" + encode(workflowId));
    }

    private RedisGroup redisGroup(FoldGroupId group) {
        return redis.getIfAvailable() == null ? null : new RedisGroup(JobGroups.fold(group));
    }

    /** A path segment: URLEncoder is for forms, so its plus for a space is turned back into %20. */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
