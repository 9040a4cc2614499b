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
}
