package dev.foldwork.starter.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin.GroupJob;
import dev.foldwork.redis.groupqueue.PauseScope;
import dev.foldwork.redis.groupqueue.QueuePage;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.http.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pausing the Redis mode's work over HTTP (admin key only): one group, a tenant, a pipeline (its
 * folds, maps and reactors) or one tenant's pipeline, and resuming it; a running batch finishes,
 * jobs staged meanwhile wait in order. Also one group's staged jobs, paged.
 */
@RestController
public class QueuePauseController {
    private final ObjectProvider<RedisDispatcher> redis;
    private final FoldworkProperties properties;
    private final PipelineRegistry registry;

    public QueuePauseController(ObjectProvider<RedisDispatcher> redis, FoldworkProperties properties,
                                PipelineRegistry registry) {
        this.redis = redis;
        this.properties = properties;
        this.registry = registry;
    }

    /** Body {@code {"group": "..."}} or {@code {"tenant": "...", "pipeline": "..."}} (either or both). */
    @PostMapping("/api/v1/admin/queue/pause")
    public Map<String, Object> pause(HttpServletRequest request) throws IOException {
        Target target = target(request);
        GroupQueueAdmin admin = admin();
        if (target.group() != null) {
            admin.pause(target.group());
        } else {
            target.scopes().forEach(admin::pause);
        }
        return Map.of("paused", target.describe());
    }

    /** The same bodies as pause; answers how many held groups were lined up again. */
    @PostMapping("/api/v1/admin/queue/resume")
    public Map<String, Object> resume(HttpServletRequest request) throws IOException {
        Target target = target(request);
        GroupQueueAdmin admin = admin();
        long linedUp = 0;
        if (target.group() != null) {
            admin.resume(target.group());
            linedUp = 1;
        } else {
            for (PauseScope scope : target.scopes()) {
                linedUp += admin.resume(scope);
            }
        }
        return Map.of("resumed", target.describe(), "groupsLinedUp", linedUp);
    }

    /** The paused scopes (tenant null: every tenant); groups paused one by one show in their own listing. */
    @GetMapping("/api/v1/admin/queue/paused")
    public Map<String, Object> paused() {
        return Map.of("scopes", admin().pausedScopes());
    }

    @GetMapping("/api/v1/admin/groups/{group}/jobs")
    public QueuePage<GroupJob> groupJobs(@PathVariable String group, @RequestParam(defaultValue = "50") int limit,
                                         @RequestParam(required = false) String cursor) {
        return admin().groupJobs(QueueAdminController.checkedGroup(group), QueueAdminController.checkedLimit(limit),
                QueueAdminController.checkedPosition(cursor));
    }

    /** What a pause or resume names: one group, or the scopes of a tenant and/or a pipeline. */
    private record Target(String group, List<PauseScope> scopes) {
        List<String> describe() {
            return group != null ? List.of(group)
                    : scopes.stream().map(s -> (s.tenant() == null ? "*" : s.tenant()) + ":" + s.prefix()).toList();
        }
    }

    private Target target(HttpServletRequest request) throws IOException {
        JsonNode body = RequestBodies.readJsonObject(request, properties.maxBodyBytes());
        String group = text(body, "group");
        String tenant = text(body, "tenant");
        String pipelineName = text(body, "pipeline");
        if (group != null) {
            if (tenant != null || pipelineName != null) {
                throw new ApiException.Malformed("name either \"group\" or \"tenant\" and/or \"pipeline\", not both");
            }
            return new Target(QueueAdminController.checkedGroup(group), List.of());
        }
        if (tenant == null && pipelineName == null) {
            throw new ApiException.Malformed("the body needs \"group\", or \"tenant\" and/or \"pipeline\"");
        }
        try {
            if (pipelineName == null) {
                return new Target(null, List.of(new PauseScope(tenant, "")));
            }
            Pipeline pipeline = registry.pipeline(pipelineName).filter(p -> !p.isGlobal()).orElseThrow(() ->
                    new ApiException.NotFound("no pipeline named " + pipelineName + " (global projections are not paused by pipeline)"));
            return new Target(null, JobGroups.scopesOf(pipeline, tenant));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Malformed(e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        return RequestBodies.optionalText(body, field, "\"" + field + "\"");
    }

    private GroupQueueAdmin admin() {
        return QueueAdminController.dispatcher(redis, properties).admin();
    }
}
