package dev.foldwork.redis.groupqueue;

import dev.foldwork.redis.testing.LocalRedis;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/** One queue under a name of its own on the local Redis, its consumers, and cleanup of every key. */
final class QueueFixture implements AutoCloseable {
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
