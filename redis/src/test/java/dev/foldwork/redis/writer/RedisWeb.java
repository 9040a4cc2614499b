package dev.foldwork.redis.writer;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * One process of the Redis mode inside a writer test: its own Redis connections, dispatcher,
 * stream writer and command service, over stores the test may share between several of these (as
 * processes share ClickHouse). A worker also consumes the queue. Unlike {@code RedisDispatch},
 * which the starter and {@code RedisFoldwork} use, it starts no pending-write recovery: these
 * tests run recovery themselves, when a write is known to be pending.
 */
record RedisWeb(RedisDispatcher dispatcher, RedisStreamWriter writer, EventSourcingService service) implements AutoCloseable {

    static RedisWeb start(RedisClient client, String queue, PipelineRegistry registry, EventStore events, FoldStore folds,
                          ProcessRole role, RedisStreamWriterOptions options) {
        EventRouter router = new EventRouter(registry);
        CommandGatewayRef commands = new CommandGatewayRef();
        GroupQueue groupQueue = GroupQueue.open(client, queue, GroupQueueOptions.defaults().withConcurrency(8),
                new GroupQueueMetrics(new SimpleMeterRegistry(), queue));
        MapExecutor maps = new MapExecutor(router, new MemoryAppendStore());
        RedisDispatcher dispatcher = new RedisDispatcher(groupQueue, router, new FoldExecutor(router, events, folds, maps),
                maps, new ReactorExecutor(registry, commands),
                RedisDispatcherOptions.defaults(role));
        RedisStreamWriter writer = new RedisStreamWriter(client, queue, events, dispatcher, options);
        EventSourcingService service = new EventSourcingService(registry, events, writer, new EventIds(Clock.systemUTC()));
        commands.bind(service);
        dispatcher.startConsuming();
        return new RedisWeb(dispatcher, writer, service);
    }

    @Override
    public void close() {
        writer.close();
        dispatcher.close();
    }
}
