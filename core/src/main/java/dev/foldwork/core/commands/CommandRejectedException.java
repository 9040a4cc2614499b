package dev.foldwork.core.commands;

/**
 * A well-formed command that the aggregate's current history does not allow, such as
 * completing an evaluation that was never started. Nothing was stored.
 */
public class CommandRejectedException extends RuntimeException {
    public CommandRejectedException(String message) {
        super(message);
    }
}
