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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The command side: validate, decide, store, dispatch. An event is dispatched only after the
 * event store accepted it, so nothing is ever projected that a reader of the store cannot see.
 * Within this process, a handler's decision rests on the latest history of every aggregate it
 * read: stored events are checked under the streams' locks, and a stale decision is made again.
 */
public final class EventSourcingService implements CommandGateway {
    private final PipelineRegistry registry;
    private final EventStore eventStore;
    private final EventDispatcher dispatcher;
    private final EventIds ids;
    private static final int MAX_DECISION_ATTEMPTS = 5;

    private final StreamLocks locks = new StreamLocks(1024);
    private final UndispatchedEvents undispatched = new UndispatchedEvents();

    public EventSourcingService(PipelineRegistry registry, EventStore eventStore, EventDispatcher dispatcher, EventIds ids) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.dispatcher = dispatcher;
        this.ids = ids;
    }

    /**
     * Handles a command and returns the events it stored, after the dispatcher accepted them.
     *
     * @throws UnknownPipelineException the pipeline or command type does not exist
     * @throws CommandValidationException the payload is invalid; names every bad field
     * @throws dev.foldwork.core.commands.CommandRejectedException the aggregate's history forbids it
     * @throws DispatchFailedException stored, but not accepted for projection
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
            CompletableFuture<Void> accepted;
            List<ReentrantLock> held = locks.lock(streams);
            try {
                if (!context.stillCurrent()) {
                    if (attempt < MAX_DECISION_ATTEMPTS) {
                        continue; // another command changed a history this one decided on: decide again
                    }
                    throw new CommandRejectedException("the aggregate changed " + MAX_DECISION_ATTEMPTS
                            + " times while " + pipeline.name() + "/" + command.type() + " was decided; retry the command");
                }
                events = stamp(command.tenantId(), pipeline, drafts);
                eventStore.append(command.tenantId(), events);
                dispatchInOrder(events);
            } finally {
                StreamLocks.unlock(held);
            }
            return events;
        }
    }

    /**
     * Dispatches the streams' events that are still waiting, then the given ones, and waits until
     * the dispatcher accepted them, all under the streams' locks: a stream's events reach its folds
     * in stored order even when a dispatch fails in between.
     */
    private void dispatchInOrder(List<Event> events) {
        List<Event> all = undispatched.ahead(events);
        try {
            dispatch(all).join();
            undispatched.forget(all);
        } catch (CompletionException e) {
            undispatched.remember(all);
            throw new DispatchFailedException(events.stream().map(Event::id).toList(), e.getCause());
        }
    }

    /**
     * Dispatches again the events that are stored but whose dispatch failed; call it now and then
     * (the starter does, every few seconds). Returns how many were accepted.
     */
    public int redispatchWaiting() {
        int accepted = 0;
        for (StreamId stream : undispatched.streams()) {
            List<ReentrantLock> held = locks.lock(List.of(stream));
            try {
                List<Event> waiting = undispatched.of(stream);
                dispatch(waiting).join();
                undispatched.forget(waiting);
                accepted += waiting.size();
            } catch (CompletionException stillDown) {
                return accepted;
            } finally {
                StreamLocks.unlock(held);
            }
        }
        return accepted;
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

    private List<Event> stamp(TenantId tenantId, Pipeline pipeline, List<EventDraft> drafts) {
        List<Event> events = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            EventIds.Stamp stamp = ids.next();
            events.add(new Event(stamp.id(), tenantId, pipeline.aggregateType(), draft.aggregateId(),
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
