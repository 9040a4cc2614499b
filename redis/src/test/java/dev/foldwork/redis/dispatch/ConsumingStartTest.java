package dev.foldwork.redis.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker takes jobs off the queue only from {@code startConsuming}, which a setup runs once its
 * service is bound: a backlog waiting in Redis would otherwise run reactions whose commands fail.
 */
class ConsumingStartTest {
    private final RedisClient client = LocalRedis.client();
    private final PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
    private final String queue = LocalRedis.uniqueQueue("consuming-start");

    @AfterEach
    void cleanUp() {
        LocalRedis.deleteQueue(client, queue);
        client.shutdown();
    }

    @Test
    void aWorkersDispatcherConsumesFromStartConsumingOn() {
        EventRouter router = new EventRouter(registry);
        MapExecutor maps = new MapExecutor(router, new MemoryAppendStore());
        GroupQueue groupQueue = GroupQueue.open(client, queue, RedisDispatcherTest.QUEUE,
                new GroupQueueMetrics(new SimpleMeterRegistry(), queue));
        try (RedisDispatcher dispatcher = new RedisDispatcher(groupQueue, router,
                new FoldExecutor(router, new MemoryEventStore(), new MemoryFoldStore(), maps), maps,
                new ReactorExecutor(registry, new CommandGatewayRef()), RedisDispatcherTest.QUICK)) {
            assertThat(consumerLoopRunning()).as("consuming before startConsuming").isFalse();
            dispatcher.startConsuming();
            assertThat(consumerLoopRunning()).as("consuming after startConsuming").isTrue();
        }
    }

    @Test
    void aBuiltSetupConsumes() {
        try (Foldwork<RedisDispatcher> built = RedisFoldwork.start(client, queue, registry, new MemoryEventStore(),
                new MemoryFoldStore(), new MemoryAppendStore(), RedisDispatcherTest.QUEUE, RedisDispatcherTest.QUICK)) {
            assertThat(consumerLoopRunning()).as("consuming once built").isTrue();
        }
    }

    /** The consumer's loop thread for this test's queue ({@code GroupQueueConsumer} names it). */
    private boolean consumerLoopRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith("groupqueue-")
                        && thread.getName().contains(queue) && thread.getName().endsWith("-loop"));
    }
}
