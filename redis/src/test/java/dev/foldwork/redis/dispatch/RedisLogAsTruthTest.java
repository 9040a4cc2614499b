package dev.foldwork.redis.dispatch;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LogAsTruthScenarios;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;

/** The log-as-truth scenarios in the Redis mode: a real Redis, this process staging and consuming. */
class RedisLogAsTruthTest extends LogAsTruthScenarios {
    private final RedisClient client = LocalRedis.client();
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore records = new MemoryAppendStore();
    private final String queue = LocalRedis.uniqueQueue("log-truth");
    private final Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, queue, registry,
            events, folds, records, RedisDispatcherTest.QUEUE, RedisDispatcherTest.QUICK);

    @AfterEach
    void stop() {
        es.close();
        LocalRedis.deleteQueue(client, queue);
        client.shutdown();
    }

    @Override
    protected EventDispatcher dispatcher() {
        return es.dispatcher();
    }

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected FoldStore foldStore() {
        return folds;
    }

    @Override
    protected AppendStore appendStore() {
        return records;
    }
}
