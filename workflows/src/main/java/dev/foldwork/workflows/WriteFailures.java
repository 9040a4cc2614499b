package dev.foldwork.workflows;

/**
 * Why a write update failed, as the type of its {@link io.temporal.failure.ApplicationFailure}:
 * the client reads the type (and details) instead of parsing a message.
 */
public final class WriteFailures {
    /** The stream moved on since the command read it; details: expected seq, actual seq. */
    public static final String STALE = "StaleDecision";
    /** The run is about to continue as new or complete; the same write succeeds on its successor. */
    public static final String RUN_ENDING = "RunEnding";
    /** The write cannot be taken by this workflow (another stream, a global fold, no events). */
    public static final String INVALID = "InvalidWrite";
    /** The event store did not take the events; nothing was promised, the next write reads the stream's end again. */
    public static final String APPEND_FAILED = "AppendFailed";

    private WriteFailures() {}
}
