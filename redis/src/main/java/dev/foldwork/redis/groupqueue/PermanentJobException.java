package dev.foldwork.redis.groupqueue;

/**
 * A job that no retry can run: its body does not decode, or it names a projection this worker
 * does not have. It skips the retries and goes where its last attempt would (dead letters, or it
 * parks its group), where an operator can look at it and retry it after a fix.
 */
public final class PermanentJobException extends RuntimeException {
    public PermanentJobException(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentJobException(String message) {
        super(message);
    }
}
