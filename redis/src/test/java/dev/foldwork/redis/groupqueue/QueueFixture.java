package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.redis.testing.LocalRedis;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One queue under a name of its own on the local Redis, its consumers, and cleanup of every key;
 * with the tenant, options, retries and jobs most of the queue's tests use.
 */
final class QueueFixture implements AutoCloseable {
    static final TenantId T = TenantId.of("t1");
    static final GroupQueueOptions FAST = GroupQueueOptions.defaults().withConcurrency(8)
            .withLease(Duration.ofSeconds(2));
    static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    final RedisClient client = LocalRedis.client();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GroupQueue queue;
    final GroupQueueAdmin admin;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    QueueFixture(String test, GroupQueueOptions options) {
        String name = LocalRedis.uniqueQueue(test);
        queue = GroupQueue.open(client, name, options, new GroupQueueMetrics(meters, name));
        admin = new GroupQueueAdmin(queue);
    }

    static StagedJob job(String group, String body) {
        return StagedJob.inGroup(T, group, body);
    }

    GroupQueueConsumer consume(JobHandler handler) {
        GroupQueueConsumer consumer = new GroupQueueConsumer(queue, handler);
        closeables.add(consumer);
        return consumer;
    }

    void stage(StagedJob... jobs) {
        queue.stage(List.of(jobs)).join();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        admin.deleteAll();
        queue.close();
        client.shutdown();
    }
}
