package dev.foldwork.core.commands;

import java.util.List;

/**
 * Validates a command's payload and decides the events it produces. Invalid input is
 * reported by {@link Payload} or by throwing {@link CommandValidationException}; a command
 * the aggregate's history forbids throws {@link CommandRejectedException}.
 */
@FunctionalInterface
public interface CommandHandler {
    List<EventDraft> handle(Payload payload, CommandContext context);

    /**
     * Whether a submitted command's events may be answered once their stream's writer durably
     * accepted them, before they are stored (the Temporal mode's writer accepts by signal, which
     * takes one server round trip instead of a workflow task and an append). Only for ingestion:
     * commands that read no history and whose events no other command of the pipeline decides on
     * right after, since a command that reads the stream may not see accepted events yet. A
     * command that did read history is always written before it is answered.
     */
    default boolean acceptsBeforeStoring() {
        return false;
    }
}
