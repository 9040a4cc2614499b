package dev.foldwork.starter.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.DeadJob;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.InvalidGroupException;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.redis.groupqueue.QueueKeys;
import dev.foldwork.redis.groupqueue.QueuePage;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.http.RequestBodies;
import io.temporal.client.WorkflowClient;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Redis mode's dead letters, and every mode's parked aggregates ({@link ParkedAggregates}), over HTTP (admin key only: the API key filter
 * refuses every other caller under {@code /api/v1/admin/}). Lists are paged and filtered; retry,
 * discard and skip take explicit ids or a filter, and a retry by filter may send a canary first:
 * one item, and the rest only once it ran through.
 */
@RestController
public class QueueAdminController {
    static final int MAX_LIMIT = 500;

    private final ObjectProvider<RedisDispatcher> redis;
    private final ObjectProvider<MemoryDispatcher> memory;
    private final ObjectProvider<WorkflowClient> temporal;
    private final PipelineRegistry registry;
    private final FoldworkProperties properties;

    public QueueAdminController(ObjectProvider<RedisDispatcher> redis, ObjectProvider<MemoryDispatcher> memory,
                                ObjectProvider<WorkflowClient> temporal, PipelineRegistry registry, FoldworkProperties properties) {
        this.redis = redis;
        this.memory = memory;
        this.temporal = temporal;
        this.registry = registry;
        this.properties = properties;
    }

    @GetMapping("/api/v1/admin/dead-letters")
    public QueuePage<DeadJob> deadLetters(@RequestParam(required = false) String tenant,
                                          @RequestParam(required = false) String kind,
                                          @RequestParam(required = false) String pipeline,
                                          @RequestParam(required = false) String projection,
                                          @RequestParam(required = false) String group,
                                          @RequestParam(required = false) String error,
                                          @RequestParam(defaultValue = "50") int limit,
                                          @RequestParam(required = false) String cursor) {
        return admin().deadLetters(new QueueItemFilter(tenant, kind, JobGroups.naming(pipeline, projection), group, error), checkedLimit(limit),
                checkedPosition(cursor));
    }

    /**
     * The parked aggregates of this service's mode ({@link ParkedAggregates}): the Redis queue's
     * parked groups, the memory dispatcher's parked fold groups, or the fold workflows that parked.
     */
    @GetMapping("/api/v1/admin/parked")
    public Object parked(@RequestParam(required = false) String tenant,
                         @RequestParam(required = false) String kind,
                         @RequestParam(required = false) String pipeline,
                         @RequestParam(required = false) String projection,
                         @RequestParam(required = false) String group,
                         @RequestParam(required = false) String error,
                         @RequestParam(defaultValue = "50") int limit,
                         @RequestParam(required = false) String cursor) {
        QueueItemFilter filter = new QueueItemFilter(tenant, kind, JobGroups.naming(pipeline, projection), group, error);
        return parkedAggregates().page(filter, checkedLimit(limit), checkedGroupCursor(cursor));
    }

    /** Body {@code {"ids": [...]}} or {@code {"filter": {...}, "canary": true}}. */
    @PostMapping("/api/v1/admin/dead-letters/retry")
    public ResponseEntity<Map<String, Object>> retryDeadLetters(HttpServletRequest request) throws IOException {
        BulkRequest bulk = BulkRequest.read(RequestBodies.readJsonObject(request, properties.maxBodyBytes()), "ids");
        GroupQueueAdmin admin = admin();
        List<String> ids = bulk.targets(() -> deadLetterIds(admin, bulk.filter()));
        Canary.Outcome canary = Canary.NONE;
        if (bulk.canary() && !ids.isEmpty()) {
            canary = Canary.retryDeadLetter(admin, ids.get(0), bulk.canaryTimeout());
            ids = ids.subList(1, ids.size());
        }
        int retried = canary.succeeded() ? 1 : 0;
        for (String id : ids) {
            retried += admin.retryDeadLetter(id) ? 1 : 0;
        }
        return ResponseEntity.ok(Map.of("retried", retried, "canary", canary.describe()));
    }

    @PostMapping("/api/v1/admin/dead-letters/discard")
    public ResponseEntity<Map<String, Object>> discardDeadLetters(HttpServletRequest request) throws IOException {
        BulkRequest bulk = BulkRequest.read(RequestBodies.readJsonObject(request, properties.maxBodyBytes()), "ids");
        GroupQueueAdmin admin = admin();
        int discarded = 0;
        for (String id : bulk.targets(() -> deadLetterIds(admin, bulk.filter()))) {
            discarded += admin.discardDeadLetter(id) ? 1 : 0;
        }
        return ResponseEntity.ok(Map.of("discarded", discarded));
    }

    /** Body {@code {"groups": [...]}} or {@code {"filter": {...}, "canary": true}}: runs the failed heads again. */
    @PostMapping("/api/v1/admin/parked/retry")
    public ResponseEntity<Map<String, Object>> retryParked(HttpServletRequest request) throws IOException {
        BulkRequest bulk = BulkRequest.read(RequestBodies.readJsonObject(request, properties.maxBodyBytes()), "groups");
        ParkedAggregates parked = parkedAggregates();
        List<String> groups = parked.targets(bulk);
        Canary.Outcome canary = Canary.NONE;
        if (bulk.canary() && !groups.isEmpty()) {
            canary = parked.retryCanary(groups.get(0), bulk.canaryTimeout());
            groups = groups.subList(1, groups.size());
        }
        int retried = canary.succeeded() ? 1 : 0;
        for (String group : groups) {
            retried += parked.retry(group) ? 1 : 0;
        }
        return ResponseEntity.ok(Map.of("retried", retried, "canary", canary.describe()));
    }

    /**
     * Skips each parked group's failed head and lets the group go on: the Redis mode moves the head
     * job to the dead letters, and folds record the skip in every mode. With one named group, the
     * memory and Temporal modes also take {@code "eventId"}, the event the operator means to skip
     * (refused with 400 if the group is parked at another).
     */
    @PostMapping("/api/v1/admin/parked/skip")
    public ResponseEntity<Map<String, Object>> skipParked(HttpServletRequest request) throws IOException {
        JsonNode body = RequestBodies.readJsonObject(request, properties.maxBodyBytes());
        BulkRequest bulk = BulkRequest.read(body, "groups");
        String eventId = RequestBodies.optionalText(body, "eventId", "eventId");
        if (eventId != null && (bulk.ids() == null || bulk.ids().size() != 1)) {
            throw new ApiException.Malformed("\"eventId\" goes with exactly one group in \"groups\"");
        }
        ParkedAggregates parked = parkedAggregates();
        int skipped = 0;
        for (String group : parked.targets(bulk)) {
            skipped += parked.skip(group, eventId) ? 1 : 0;
        }
        return ResponseEntity.ok(Map.of("skipped", skipped));
    }

    private static List<String> deadLetterIds(GroupQueueAdmin admin, QueueItemFilter filter) {
        return admin.deadLetters(filter, GroupQueueAdmin.MAX_EXAMINED, null).items().stream().map(DeadJob::id).toList();
    }

    /** The mode's parked aggregates, found by the dispatch beans this service has. */
    private ParkedAggregates parkedAggregates() {
        RedisDispatcher redisDispatcher = redis.getIfAvailable();
        if (redisDispatcher != null) {
            return new RedisParked(redisDispatcher);
        }
        MemoryDispatcher memoryDispatcher = memory.getIfAvailable();
        if (memoryDispatcher != null) {
            return new MemoryParked(memoryDispatcher);
        }
        WorkflowClient client = temporal.getIfAvailable();
        if (client != null) {
            return new TemporalParked(client, registry);
        }
        throw new ApiException.NotFound("this service runs foldwork.dispatch=" + properties.dispatch().name().toLowerCase()
                + " without a dispatcher that parks aggregates");
    }

    private GroupQueueAdmin admin() {
        return dispatcher().admin();
    }

    private RedisDispatcher dispatcher() {
        return dispatcher(redis, properties);
    }

    /** The Redis mode's dispatcher; a 404 problem in the other modes. */
    static RedisDispatcher dispatcher(ObjectProvider<RedisDispatcher> redis, FoldworkProperties properties) {
        RedisDispatcher dispatcher = redis.getIfAvailable();
        if (dispatcher == null) {
            throw new ApiException.NotFound("dead letters and paused groups are kept by the Redis mode; this service"
                    + " runs foldwork.dispatch=" + properties.dispatch().name().toLowerCase());
        }
        return dispatcher;
    }

    static String checkedGroup(String group) {
        try {
            return QueueKeys.checkGroup(group);
        } catch (InvalidGroupException e) {
            throw new ApiException.Malformed(e.getMessage());
        }
    }

    static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException.BadParameter("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    /** A position cursor (dead letters, a group's jobs); 18 digits at most, so it parses as a long. */
    static String checkedPosition(String cursor) {
        if (cursor != null && (cursor.length() > 18 || !cursor.matches("[0-9]+"))) {
            throw notAPageCursor(cursor);
        }
        return cursor;
    }

    /** A parked-groups cursor: the last group of the page before. */
    static String checkedGroupCursor(String cursor) {
        try {
            return cursor == null ? null : QueueKeys.checkGroup(cursor);
        } catch (InvalidGroupException e) {
            throw notAPageCursor(cursor);
        }
    }

    private static ApiException notAPageCursor(String cursor) {
        return new ApiException.BadParameter("cursor \"" + cursor + "\" is not one a page of this listing gave");
    }

    /** The body of a bulk operation: explicit targets, or a filter (and whether to send a canary first). */
    record BulkRequest(List<String> ids, QueueItemFilter filter, boolean canary, Duration canaryTimeout) {
        private static final List<String> FILTER_FIELDS = List.of("tenant", "kind", "pipeline", "projection", "group", "error");
        private static final String FILTER_FIELDS_TEXT = String.join(", ", FILTER_FIELDS);

        static BulkRequest read(JsonNode body, String idsField) {
            JsonNode ids = body.path(idsField);
            JsonNode filter = body.path("filter");
            if (ids.isMissingNode() == filter.isMissingNode()) {
                throw new ApiException.Malformed("the body needs exactly one of \"" + idsField + "\" (a list) or \"filter\" "
                        + "(an object with any of " + FILTER_FIELDS_TEXT + ")");
            }
            List<String> named = null;
            if (!ids.isMissingNode()) {
                if (!ids.isArray() || ids.isEmpty()) {
                    throw new ApiException.Malformed("\"" + idsField + "\" must be a non-empty list of strings");
                }
                named = new ArrayList<>();
                for (JsonNode id : ids) {
                    if (!id.isTextual()) {
                        throw new ApiException.Malformed("\"" + idsField + "\" must hold strings only");
                    }
                    named.add(id.asText());
                }
            }
            QueueItemFilter parsed = filter.isMissingNode() ? null : filter(filter);
            JsonNode timeout = body.path("canaryTimeoutSeconds");
            if (!timeout.isMissingNode() && (!timeout.canConvertToInt() || timeout.asInt() < 1 || timeout.asInt() > 120)) {
                throw new ApiException.Malformed("\"canaryTimeoutSeconds\" must be a whole number from 1 to 120");
            }
            return new BulkRequest(named, parsed, body.path("canary").asBoolean(false),
                    Duration.ofSeconds(timeout.isMissingNode() ? 30 : timeout.asInt()));
        }

        private static QueueItemFilter filter(JsonNode filter) {
            if (!filter.isObject()) {
                throw new ApiException.Malformed("\"filter\" must be an object with any of " + FILTER_FIELDS_TEXT);
            }
            filter.fieldNames().forEachRemaining(name -> {
                if (!FILTER_FIELDS.contains(name)) {
                    throw new ApiException.Malformed("\"filter\" has no field \"" + name + "\"; it takes " + FILTER_FIELDS_TEXT);
                }
            });
            return new QueueItemFilter(text(filter, "tenant"), text(filter, "kind"),
                    JobGroups.naming(name(filter, "pipeline"), name(filter, "projection")), text(filter, "group"), text(filter, "error"));
        }

        private static String text(JsonNode filter, String field) {
            return RequestBodies.optionalText(filter, field, "filter." + field);
        }

        /** A pipeline or projection name, checked under the body's field name before the filter checks it again. */
        private static String name(JsonNode filter, String field) {
            String value = text(filter, field);
            return value == null ? null : Ids.name("filter." + field, value);
        }

        List<String> targets(java.util.function.Supplier<List<String>> byFilter) {
            return ids != null ? ids : byFilter.get();
        }
    }
}
