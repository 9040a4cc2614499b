package dev.foldwork.redis.dispatch;

import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.testing.ChildJvm;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.groupqueue.QueueKeys;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import java.time.Duration;

/**
 * A worker process of the Redis mode for the crash test: args queue, lease ms. Ledger folds
 * are kept in a {@link RedisFoldStore}; each reaction takes a few milliseconds so that a kill
 * lands in the middle of the stream. Runs until killed.
 */
public final class LedgerWorkerMain {
    private LedgerWorkerMain() {}

    public static void main(String[] args) throws Exception {
        String queue = args[0];
        RedisClient client = LocalRedis.client();
        RedisFoldStore folds = new RedisFoldStore(client.connect().sync(), new QueueKeys(queue).prefix());
        RedisFoldwork.start(client, queue, LedgerPipeline.registry((context, event) -> Thread.sleep(10)),
                new MemoryEventStore(), folds, new MemoryAppendStore(),
                GroupQueueOptions.defaults().withConcurrency(8).withLease(Duration.ofMillis(Long.parseLong(args[1]))),
                RedisDispatcherOptions.defaults(ProcessRole.WORKER));
        System.out.println(ChildJvm.READY);
        Thread.currentThread().join();
    }
}
