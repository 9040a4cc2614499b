package dev.foldwork.redis.testing;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.redis.dispatch.RedisDispatch;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.writer.RedisStreamWriterOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The Redis mode over given stores with the writer's default options, for tests and benchmarks. */
public final class RedisFoldwork {
    private RedisFoldwork() {}

    public static Foldwork<RedisDispatcher> start(RedisClient client, String queue, PipelineRegistry registry, EventStore eventStore,
                                                  FoldStore foldStore, AppendStore appendStore, GroupQueueOptions queueOptions,
                                                  RedisDispatcherOptions options) {
        return Foldwork.builder(registry)
                .stores(eventStore, foldStore, appendStore)
                .dispatch(new RedisDispatch(client, queue, queueOptions, options, RedisStreamWriterOptions.defaults(),
                        new SimpleMeterRegistry()))
                .build();
    }
}
