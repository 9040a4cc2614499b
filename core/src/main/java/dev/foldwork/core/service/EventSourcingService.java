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

/**
 * The command side: validate, decide, then hand the events to their streams' single writer
 * ({@link StreamWriter}), which gives each the next {@code seq} of its stream, stores and
 * dispatches them. The writer checks that every history the handler read is still the latest; if
 * one grew meanwhile, the command is decided again. A dispatch that fails loses nothing, since the
 * event store is the truth: folds fill what a delivery missed from the store, and catch-up
 * ({@link dev.foldwork.core.runtime.CatchUp}) brings lagging folds up to date.
 */
public final class EventSourcingService implements CommandGateway {
    private static final int MAX_DECISION_ATTEMPTS = 5;

    private final PipelineRegistry registry;
    private final EventStore eventStore;
    private final StreamWriter writer;
    private final EventIds ids;

    /** A service that is the single writer of its streams in this process ({@link LocalStreamWriter}). */
    public EventSourcingService(PipelineRegistry registry, EventStore eventStore, EventDispatcher dispatcher, EventIds ids) {
        this(registry, eventStore, new LocalStreamWriter(eventStore, dispatcher), ids);
    }

    public EventSourcingService(PipelineRegistry registry, EventStore eventStore, StreamWriter writer, EventIds ids) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.writer = writer;
        this.ids = ids;
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
        return handle(command, false).stored();
    }

    /**
     * Handles a command as {@link #send} does, but answers a command whose handler
     * {@linkplain CommandHandler#acceptsBeforeStoring accepts before storing} (and read no history)
     * once the stream's writer accepted its events: the HTTP API's path, where a client needs the
     * ids, not the seqs. Every other command is stored before this returns.
     */
    public CommandReceipt submit(Command command) {
        return handle(command, true).receipt();
    }

    private record Handled(List<Event> stored, CommandReceipt receipt) {}

    private Handled handle(Command command, boolean acceptBeforeStoring) {
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
                return new Handled(List.of(), CommandReceipt.of(List.of(), true));
            }
            List<NewEvent> events = newEvents(command.tenantId(), pipeline, drafts);
            if (acceptBeforeStoring && handler.acceptsBeforeStoring() && context.decidedAt().isEmpty()) {
                return new Handled(List.of(), CommandReceipt.of(events, writer.accept(events)));
            }
            try {
                return new Handled(writer.write(events, context.decidedAt()), CommandReceipt.of(events, true));
            } catch (StaleDecisionException e) {
                if (attempt >= MAX_DECISION_ATTEMPTS) {
                    throw new CommandRejectedException("the aggregate changed " + MAX_DECISION_ATTEMPTS
                            + " times while " + pipeline.name() + "/" + command.type() + " was decided; retry the command");
                }
                // another command changed a history this one decided on: decide again
            }
        }
    }

    /** Each draft as an event of its stream with an id and a timestamp; its writer gives it a seq. */
    private List<NewEvent> newEvents(TenantId tenantId, Pipeline pipeline, List<EventDraft> drafts) {
        List<NewEvent> events = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            try {
                Ids.aggregateId("aggregateId", draft.aggregateId());
                Ids.eventType("type", draft.type());
            } catch (InvalidIdException e) {
                throw new CommandValidationException(List.of(new FieldError(e.field(), e.reason())));
            }
            EventIds.Stamp stamp = ids.next();
            events.add(new NewEvent(stamp.id(), new StreamId(tenantId, pipeline.aggregateType(), draft.aggregateId()),
                    stamp.timestamp(), draft.type(), draft.version(), draft.data()));
        }
        return events;
    }
}
