package dev.foldwork.redis.testing;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.writer.PendingWriteRecovery;
import dev.foldwork.redis.writer.RedisStreamWriter;
import dev.foldwork.redis.writer.RedisStreamWriterOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/** The Redis mode wired whole over given stores, as the starter wires it (stream writer and write recovery included): for tests and benchmarks. */
public record RedisEventSourcing(EventStore eventStore, FoldStore foldStore, AppendStore appendStore,
                                 RedisDispatcher dispatcher, RedisStreamWriter writer, PendingWriteRecovery recovery,
                                 EventSourcingService service)
        implements AutoCloseable {

    public static RedisEventSourcing start(RedisClient client, String queue, PipelineRegistry registry, EventStore eventStore,
                                           FoldStore foldStore, AppendStore appendStore, GroupQueueOptions queueOptions,
                                           RedisDispatcherOptions options) {
        EventRouter router = new EventRouter(registry);
        CommandGatewayRef commands = new CommandGatewayRef();
        GroupQueue groupQueue = GroupQueue.open(client, queue, queueOptions,
                new GroupQueueMetrics(new SimpleMeterRegistry(), queue));
        MapExecutor maps = new MapExecutor(router, appendStore);
        RedisDispatcher dispatcher = new RedisDispatcher(groupQueue, router, new FoldExecutor(router, eventStore, foldStore, maps),
                maps, new ReactorExecutor(registry, commands), options);
        RedisStreamWriter writer = new RedisStreamWriter(client, queue, eventStore, dispatcher, RedisStreamWriterOptions.defaults());
        EventSourcingService service = new EventSourcingService(registry, eventStore, writer, new EventIds(Clock.systemUTC()));
        commands.bind(service);
        return new RedisEventSourcing(eventStore, foldStore, appendStore, dispatcher, writer, writer.recovery().start(), service);
    }

    @Override
    public void close() {
        recovery.close();
        writer.close();
        dispatcher.close();
    }
}
