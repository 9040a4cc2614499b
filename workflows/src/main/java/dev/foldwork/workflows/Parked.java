package dev.foldwork.workflows;

/**
 * A group stopped at an event: {@code fold} failed on {@code eventId} for {@code reason}. A fold
 * that threw may be skipped or retried; a persist that failed may only be retried (its events
 * applied fine, and skipping would drop them from the stored state).
 */
public record Parked(String fold, String eventId, String reason, Cause cause) {
    public enum Cause { FOLD_FAILED, PERSIST_FAILED }

    public Parked {
        cause = cause == null ? Cause.FOLD_FAILED : cause; // runs parked before causes were recorded
    }

    public boolean skippable() {
        return cause == Cause.FOLD_FAILED;
    }
}
