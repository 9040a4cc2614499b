package dev.foldwork.core;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
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
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import java.time.Clock;

/**
 * The memory mode wired whole: stores, dispatcher and service over one registry. For tests,
 * demos and the embedded default; the starter wires the other modes the same way.
 */
public record EventSourcing(
        PipelineRegistry registry,
        EventStore eventStore,
        FoldStore foldStore,
        AppendStore appendStore,
        MemoryDispatcher dispatcher,
        EventSourcingService service) implements AutoCloseable {

    public static EventSourcing inMemory(PipelineRegistry registry) {
        return inMemory(registry, new MemoryEventStore(), new MemoryFoldStore(), new MemoryAppendStore(),
                MemoryDispatcherOptions.defaults());
    }

    public static EventSourcing inMemory(PipelineRegistry registry, EventStore eventStore, FoldStore foldStore,
                                         AppendStore appendStore, MemoryDispatcherOptions options) {
        EventRouter router = new EventRouter(registry);
        CommandGatewayRef commands = new CommandGatewayRef();
        MapExecutor maps = new MapExecutor(router, appendStore);
        MemoryDispatcher dispatcher = new MemoryDispatcher(router,
                new FoldExecutor(router, eventStore, foldStore, maps),
                maps,
                new ReactorExecutor(registry, commands),
                options);
        EventSourcingService service = new EventSourcingService(registry, eventStore, dispatcher, new EventIds(Clock.systemUTC()));
        commands.bind(service);
        return new EventSourcing(registry, eventStore, foldStore, appendStore, dispatcher, service);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
