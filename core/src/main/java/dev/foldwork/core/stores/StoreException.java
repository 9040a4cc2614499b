package dev.foldwork.core.stores;

/**
 * A store could not do what was asked: its server is down, slow or refused. The caller may retry;
 * a failed write left nothing a reader could see as committed.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
