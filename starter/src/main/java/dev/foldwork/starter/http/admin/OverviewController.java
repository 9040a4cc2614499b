package dev.foldwork.starter.http.admin;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.TemporalProperties;
import dev.foldwork.starter.http.admin.PipelineActivity.Key;
import dev.foldwork.starter.http.admin.PipelineActivity.Row;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' overview (admin key only): per pipeline and tenant, recent events, fold lag,
 * parked groups and dead letters ({@link PipelineActivity}, {@link StuckGroups}), and the state
 * of the mode's queue: the Redis queue's depth, or the Temporal fold workflows that are open.
 * In the Temporal mode the parked count is a bounded one: the fold workflows that parked, of at
 * most {@link TemporalParked#MAX_EXAMINED} examined per overview (as the parked admin API lists them).
 */
@RestController
public class OverviewController {
    private final FoldworkProperties properties;
    private final TemporalProperties temporal;
    private final PipelineActivity activity;
    private final ObjectProvider<MemoryDispatcher> memory;
    private final ObjectProvider<RedisDispatcher> redis;
    private final ObjectProvider<WorkflowServiceStubs> temporalService;
    private final ObjectProvider<WorkflowClient> temporalClient;
    private final PipelineRegistry registry;

    public OverviewController(FoldworkProperties properties, TemporalProperties temporal, PipelineRegistry registry,
                              EventStore events, FoldStore folds, ObjectProvider<MemoryDispatcher> memory,
                              ObjectProvider<RedisDispatcher> redis, ObjectProvider<WorkflowServiceStubs> temporalService,
                              ObjectProvider<WorkflowClient> temporalClient) {
        this.properties = properties;
        this.temporal = temporal;
        this.registry = registry;
        this.activity = new PipelineActivity(registry, events, folds);
        this.memory = memory;
        this.redis = redis;
        this.temporalService = temporalService;
        this.temporalClient = temporalClient;
    }

    public record Overview(String mode, Instant generatedAt, List<OverviewRow> rows, RedisQueue redis, TemporalFolds temporal) {}

    public record OverviewRow(String pipeline, String tenant, long eventsLastMinute, long eventsLastHour, FoldLag foldLag,
                              long parked, long deadLetters) {}

    public record FoldLag(long eventsBehind, long oldestLagAgeMs) {}

    public record RedisQueue(long depth, long oldestReadyAgeMs) {}

    public record TemporalFolds(Long openFoldWorkflows) {}

    @GetMapping("/api/v1/admin/overview")
    public Overview overview() {
        long nowMs = System.currentTimeMillis();
        RedisDispatcher redisDispatcher = redis.getIfAvailable();
        MemoryDispatcher memoryDispatcher = memory.getIfAvailable();
        StuckGroups stuck = stuckGroups(redisDispatcher, memoryDispatcher);
        List<OverviewRow> rows = new ArrayList<>();
        for (Map.Entry<Key, Row> entry : activity.read(nowMs).entrySet()) {
            Key key = entry.getKey();
            Row row = entry.getValue();
            rows.add(new OverviewRow(key.pipeline(), key.tenant(), row.eventsLastMinute(), row.eventsLastHour(),
                    new FoldLag(row.eventsBehind(), row.oldestLagAgeMs()), stuck.parked(key), stuck.deadLetters(key)));
        }
        return new Overview(properties.dispatch().name().toLowerCase(),
                Instant.ofEpochMilli(nowMs).truncatedTo(ChronoUnit.SECONDS), rows, redisQueue(redisDispatcher),
                temporalFolds());
    }

    /** Parked groups and dead letters of the mode's dispatcher, or of the Temporal fold workflows (a bounded count). */
    private StuckGroups stuckGroups(RedisDispatcher redisDispatcher, MemoryDispatcher memoryDispatcher) {
        if (redisDispatcher != null) {
            return StuckGroups.of(redisDispatcher.admin(), registry);
        }
        if (memoryDispatcher != null) {
            return StuckGroups.of(memoryDispatcher);
        }
        WorkflowClient client = temporalClient.getIfAvailable();
        return client != null ? StuckGroups.of(new TemporalParked(client, registry)) : StuckGroups.NONE;
    }

    private static RedisQueue redisQueue(RedisDispatcher dispatcher) {
        if (dispatcher == null) {
            return null;
        }
        GroupQueueAdmin.Snapshot snapshot = dispatcher.admin().snapshot();
        return new RedisQueue(snapshot.depth(), snapshot.oldestReadyAgeMillis());
    }

    /** Null outside the Temporal mode, and when the server can neither count nor list its workflows. */
    private TemporalFolds temporalFolds() {
        WorkflowServiceStubs service = temporalService.getIfAvailable();
        if (service == null) {
            return null;
        }
        Long open = OpenFoldWorkflows.count(service, temporal.namespace());
        return open == null ? null : new TemporalFolds(open);
    }
}
