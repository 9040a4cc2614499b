package dev.foldwork.core;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatch;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A whole setup, wired in plain Java: pipelines, stores, a dispatch mode and the command service.
 * The one place the parts are put together; every mode (memory here, Redis and Temporal in their
 * modules) is a {@link DispatchMode}:
 *
 * <pre>{@code
 * try (Foldwork<MemoryDispatcher> foldwork = Foldwork.builder(registry).build()) {
 *     foldwork.service().send(command);
 * }
 * }</pre>
 */
public final class Foldwork<D extends EventDispatcher> implements AutoCloseable {
    private final PipelineRegistry registry;
    private final EventStore eventStore;
    private final FoldStore foldStore;
    private final AppendStore appendStore;
    private final Dispatching<D> dispatching;
    private final EventSourcingService service;

    private Foldwork(PipelineRegistry registry, EventStore eventStore, FoldStore foldStore, AppendStore appendStore,
                     Dispatching<D> dispatching, EventSourcingService service) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.foldStore = foldStore;
        this.appendStore = appendStore;
        this.dispatching = dispatching;
        this.service = service;
    }

    /** A memory setup over memory stores until told otherwise. */
    public static Builder<MemoryDispatcher> builder(PipelineRegistry registry) {
        return new Builder<>(registry, new MemoryEventStore(), new MemoryFoldStore(), new MemoryAppendStore(),
                MemoryDispatch.defaults(), Clock.systemUTC(), UnaryOperator.identity());
    }

    /** The memory mode over memory stores: for tests, demos and the embedded default. */
    public static Foldwork<MemoryDispatcher> inMemory(PipelineRegistry registry) {
        return builder(registry).build();
    }

    /** The memory mode over the given stores, with the dispatcher's options (tests' faster retries). */
    public static Foldwork<MemoryDispatcher> inMemory(PipelineRegistry registry, EventStore eventStore, FoldStore foldStore,
                                                      AppendStore appendStore, MemoryDispatcherOptions options) {
        return builder(registry).stores(eventStore, foldStore, appendStore).dispatch(new MemoryDispatch(options)).build();
    }

    public PipelineRegistry registry() {
        return registry;
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public FoldStore foldStore() {
        return foldStore;
    }

    public AppendStore appendStore() {
        return appendStore;
    }

    public D dispatcher() {
        return dispatching.dispatcher();
    }

    public StreamWriter writer() {
        return dispatching.writer();
    }

    public EventSourcingService service() {
        return service;
    }

    /** Closes what the dispatch mode started, in its order; every part is closed even if one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : dispatching.toClose()) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + part.getClass().getSimpleName() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public static final class Builder<D extends EventDispatcher> {
        private final PipelineRegistry registry;
        private final EventStore eventStore;
        private final FoldStore foldStore;
        private final AppendStore appendStore;
        private final DispatchMode<D> mode;
        private final Clock clock;
        private final UnaryOperator<EventDispatcher> dispatchObserver;

        private Builder(PipelineRegistry registry, EventStore eventStore, FoldStore foldStore, AppendStore appendStore,
                        DispatchMode<D> mode, Clock clock, UnaryOperator<EventDispatcher> dispatchObserver) {
            this.registry = registry;
            this.eventStore = eventStore;
            this.foldStore = foldStore;
            this.appendStore = appendStore;
            this.mode = mode;
            this.clock = clock;
            this.dispatchObserver = dispatchObserver;
        }

        public Builder<D> stores(EventStore eventStore, FoldStore foldStore, AppendStore appendStore) {
            return new Builder<>(registry, eventStore, foldStore, appendStore, mode, clock, dispatchObserver);
        }

        public <M extends EventDispatcher> Builder<M> dispatch(DispatchMode<M> mode) {
            return new Builder<>(registry, eventStore, foldStore, appendStore, mode, clock, dispatchObserver);
        }

        /** The clock events are stamped with (the system's UTC clock unless a test says otherwise). */
        public Builder<D> clock(Clock clock) {
            return new Builder<>(registry, eventStore, foldStore, appendStore, mode, clock, dispatchObserver);
        }

        /**
         * Wraps what the writer hands stored events to, in every mode: a timer around each
         * dispatch, say. Unwrapped unless set.
         */
        public Builder<D> observeDispatch(UnaryOperator<EventDispatcher> observer) {
            return new Builder<>(registry, eventStore, foldStore, appendStore, mode, clock, observer);
        }

        /**
         * Starts the mode, then the service over its writer; reactors send commands through that
         * service, so what runs reactors (a Temporal worker) starts only once it is bound.
         */
        public Foldwork<D> build() {
            CommandGatewayRef commands = new CommandGatewayRef();
            Dispatching<D> dispatching = mode.start(new DispatchContext(registry, new EventRouter(registry), eventStore,
                    foldStore, appendStore, commands, dispatchObserver));
            EventSourcingService service = new EventSourcingService(registry, eventStore, dispatching.writer(), new EventIds(clock));
            commands.bind(service);
            dispatching.start().run();
            return new Foldwork<>(registry, eventStore, foldStore, appendStore, dispatching, service);
        }
    }
}
