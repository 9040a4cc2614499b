package dev.foldwork.core.runtime.rebuild;

/** A rebuild that cannot start; {@link #reason()} says why as a value, the message in words. */
public final class RebuildRefusedException extends RuntimeException {
    public enum Reason {
        /** No fold or map of that name is registered. */
        UNKNOWN_PROJECTION,
        /** The projection exists but belongs to no pipeline that could rebuild it. */
        NOT_REBUILDABLE,
        /** A rebuild of the same projection and tenant is running. */
        ALREADY_RUNNING
    }

    private final Reason reason;

    public RebuildRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
