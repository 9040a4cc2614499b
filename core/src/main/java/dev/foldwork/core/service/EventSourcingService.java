package dev.foldwork.core.service;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.EventStore;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The command side: validate, decide, sequence, store, dispatch. Under its streams' locks the
 * service is each stream's single writer in this process: it gives every event the next
 * {@code seq} of its stream and appends the batch, so a stream has no gaps and no repeats, and a
 * handler's decision rests on the latest history of every aggregate it read (a stale decision is
 * made again). The stored events are then dispatched; a dispatch that fails loses nothing, since
 * the event store is the truth: folds fill what a delivery missed from the store, and catch-up
 * ({@link dev.foldwork.core.runtime.CatchUp}) brings lagging folds up to date.
 */
public final class EventSourcingService implements CommandGateway {
    private static final Logger log = Logger.getLogger(EventSourcingService.class.getName());
    private static final int MAX_DECISION_ATTEMPTS = 5;

    private final PipelineRegistry registry;
    private final EventStore eventStore;
    private final EventDispatcher dispatcher;
    private final EventIds ids;
    private final StreamLocks locks = new StreamLocks(1024);
    private final StreamSequences sequences;

    public EventSourcingService(PipelineRegistry registry, EventStore eventStore, EventDispatcher dispatcher, EventIds ids) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.sequences = new StreamSequences(eventStore);
    }

    /**
     * Handles a command and returns the events it stored. They are dispatched before this
     * returns; if the dispatch fails they are projected later, from the store.
     *
     * @throws UnknownPipelineException the pipeline or command type does not exist
     * @throws CommandValidationException the payload is invalid; names every bad field
     * @throws dev.foldwork.core.commands.CommandRejectedException the aggregate's history forbids it
     */
    @Override
    public List<Event> send(Command command) {
        Pipeline pipeline = registry.pipeline(command.pipeline())
                .orElseThrow(() -> new UnknownPipelineException("no pipeline named \"" + command.pipeline() + "\""));
        CommandHandler handler = pipeline.command(command.type())
                .orElseThrow(() -> new UnknownPipelineException("pipeline " + pipeline.name() + " has no command \""
                        + command.type() + "\"; it has " + pipeline.commandTypes()));

        for (int attempt = 1; ; attempt++) {
            Payload payload = new Payload(command.payload());
            payload.validate();
            RecordingCommandContext context = new RecordingCommandContext(command.tenantId(), pipeline.aggregateType(), eventStore);
            List<EventDraft> drafts = handler.handle(payload, context);
            payload.validate();
            if (drafts.isEmpty()) {
                return List.of();
            }
            List<StreamId> streams = new ArrayList<>(streams(command.tenantId(), pipeline, drafts));
            streams.addAll(context.readStreams());

            List<Event> events;
            CompletableFuture<Void> dispatched;
            List<ReentrantLock> held = locks.lock(streams);
            try {
                if (!context.stillCurrent(sequences)) {
                    if (attempt < MAX_DECISION_ATTEMPTS) {
                        continue; // another command changed a history this one decided on: decide again
                    }
                    throw new CommandRejectedException("the aggregate changed " + MAX_DECISION_ATTEMPTS
                            + " times while " + pipeline.name() + "/" + command.type() + " was decided; retry the command");
                }
                events = sequenced(command.tenantId(), pipeline, drafts);
                append(command.tenantId(), events);
                dispatched = dispatch(events); // under the lock, so deliveries usually come in seq order
            } finally {
                StreamLocks.unlock(held);
            }
            awaitDispatch(dispatched, events);
            return events;
        }
    }

    private void append(TenantId tenantId, List<Event> events) {
        try {
            eventStore.append(tenantId, events);
        } catch (RuntimeException e) {
            events.forEach(event -> sequences.forget(event.streamId()));
            throw e;
        }
        events.forEach(event -> sequences.advanced(event.streamId(), event.seq()));
    }

    private static void awaitDispatch(CompletableFuture<Void> dispatched, List<Event> events) {
        try {
            dispatched.join();
        } catch (CompletionException e) {
            log.warning(events.size() + " stored events were not dispatched (" + (e.getCause() == null ? e : e.getCause())
                    + "); catch-up will project them from the store");
        }
    }

    private static List<StreamId> streams(TenantId tenantId, Pipeline pipeline, List<EventDraft> drafts) {
        List<StreamId> streams = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            try {
                Ids.aggregateId("aggregateId", draft.aggregateId());
                Ids.eventType("type", draft.type());
            } catch (InvalidIdException e) {
                throw new CommandValidationException(List.of(new FieldError(e.field(), e.getMessage().substring(e.field().length() + 1))));
            }
            streams.add(new StreamId(tenantId, pipeline.aggregateType(), draft.aggregateId()));
        }
        return streams;
    }

    /** Each draft as an event with an id, a timestamp and the next seq of its stream. */
    private List<Event> sequenced(TenantId tenantId, Pipeline pipeline, List<EventDraft> drafts) {
        Map<StreamId, Long> next = new HashMap<>();
        List<Event> events = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            StreamId stream = new StreamId(tenantId, pipeline.aggregateType(), draft.aggregateId());
            long seq = next.computeIfAbsent(stream, sequences::last) + 1;
            next.put(stream, seq);
            EventIds.Stamp stamp = ids.next();
            events.add(new Event(stamp.id(), tenantId, pipeline.aggregateType(), draft.aggregateId(), seq,
                    stamp.timestamp(), draft.type(), draft.version(), draft.data()));
        }
        return events;
    }

    private CompletableFuture<Void> dispatch(List<Event> events) {
        try {
            return dispatcher.dispatch(events);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
