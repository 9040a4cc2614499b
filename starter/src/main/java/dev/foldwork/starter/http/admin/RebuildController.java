package dev.foldwork.starter.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.runtime.rebuild.RebuildRefusedException;
import dev.foldwork.core.runtime.rebuild.RebuildRequest;
import dev.foldwork.core.runtime.rebuild.RebuildStatus;
import dev.foldwork.core.runtime.rebuild.Rebuilds;
import dev.foldwork.redis.groupqueue.QueuePage;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.problem.Problems;
import dev.foldwork.starter.http.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's rebuilds of a projection from the event store (admin key only: the API key
 * filter refuses every other caller under {@code /api/v1/admin/}).
 */
@RestController
@Conditional(ServesCommandsCondition.class)
public class RebuildController {
    /** A rebuild as the API shows it. */
    public record RebuildView(String id, String tenant, String projection, String aggregateId, String status,
                              long eventsDone, long eventsTotal, double eventsPerSecond, int generation,
                              long startedAtMs, Long finishedAtMs, String error) {
        static RebuildView of(RebuildStatus status) {
            return new RebuildView(status.id(), status.tenant(), status.projection(), status.aggregateId(),
                    status.state().name().toLowerCase(), status.eventsDone(), status.eventsTotal(),
                    Math.round(status.eventsPerSecond() * 10) / 10.0, status.generation(), status.startedAtMs(),
                    status.finishedAtMs() > 0 ? status.finishedAtMs() : null, status.error());
        }
    }

    private final Rebuilds rebuilds;
    private final FoldworkProperties properties;

    public RebuildController(Rebuilds rebuilds, FoldworkProperties properties) {
        this.rebuilds = rebuilds;
        this.properties = properties;
    }

    /** Body {@code {"tenant": "...", "aggregateId": "..." (optional)}}; answers 202 with the rebuild's id. */
    @PostMapping("/api/v1/admin/projections/{projection}/rebuild")
    public ResponseEntity<Map<String, String>> start(@PathVariable String projection, HttpServletRequest request)
            throws IOException {
        JsonNode body = RequestBodies.readJsonObject(request, properties.maxBodyBytes());
        JsonNode tenant = body.path("tenant");
        if (!tenant.isTextual()) {
            throw new ApiException.Malformed("the body needs \"tenant\": the id of the tenant whose projection to rebuild");
        }
        JsonNode aggregateId = body.path("aggregateId");
        if (!aggregateId.isMissingNode() && !aggregateId.isNull() && !aggregateId.isTextual()) {
            throw new ApiException.Malformed("\"aggregateId\" must be a string (or left out to rebuild every aggregate)");
        }
        RebuildStatus started = rebuilds.start(new RebuildRequest(TenantId.of(tenant.asText()), projection,
                aggregateId.isTextual() ? aggregateId.asText() : null));
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", started.id()));
    }

    @GetMapping("/api/v1/admin/rebuilds/{id}")
    public ResponseEntity<RebuildView> get(@PathVariable String id) {
        return ResponseEntity.ok(RebuildView.of(rebuilds.get(id).orElseThrow(() -> unknown(id))));
    }

    /** The most recent rebuilds, newest first. */
    /** The recent rebuilds, newest first, {@code limit} a page; {@code cursor} is the id the previous page ended with. */
    @GetMapping("/api/v1/admin/rebuilds")
    public QueuePage<RebuildView> list(@RequestParam(defaultValue = "50") int limit,
                                       @RequestParam(required = false) String cursor) {
        int pageSize = QueueAdminController.checkedLimit(limit);
        List<RebuildStatus> recent = rebuilds.list();
        int from = 0;
        if (cursor != null) {
            from = 1 + recent.stream().map(RebuildStatus::id).toList().indexOf(cursor);
            if (from == 0) {
                throw new ApiException.BadParameter("cursor " + cursor + " is no rebuild of this list; start again without it");
            }
        }
        List<RebuildView> page = recent.subList(from, Math.min(recent.size(), from + pageSize)).stream().map(RebuildView::of).toList();
        boolean more = from + pageSize < recent.size();
        return new QueuePage<>(page, more ? page.get(page.size() - 1).id() : null);
    }

    /** Stops a rebuild running in this process after its current page; the states it swapped in stay. */
    @PostMapping("/api/v1/admin/rebuilds/{id}/cancel")
    public ResponseEntity<RebuildView> cancel(@PathVariable String id) {
        return ResponseEntity.ok(RebuildView.of(rebuilds.cancel(id).orElseThrow(() -> unknown(id))));
    }

    @ExceptionHandler(RebuildRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RebuildRefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_PROJECTION -> HttpStatus.NOT_FOUND;
            case NOT_REBUILDABLE -> HttpStatus.BAD_REQUEST;
            case ALREADY_RUNNING -> HttpStatus.CONFLICT;
        };
        String title = switch (e.reason()) {
            case UNKNOWN_PROJECTION -> "not found";
            case NOT_REBUILDABLE -> "cannot rebuild this projection";
            case ALREADY_RUNNING -> "rebuild running";
        };
        return Problems.entity(Problems.problem(status, title, e.getMessage()));
    }

    private static ApiException unknown(String id) {
        return new ApiException.NotFound("no rebuild " + id + " is known");
    }
}
