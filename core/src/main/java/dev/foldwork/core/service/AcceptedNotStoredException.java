package dev.foldwork.core.service;

/**
 * A stream's writer accepted a write but did not store it within the time the caller waits: the
 * write is queued and its writer stores it once the store takes it. Unlike a failed store, the
 * events are likely to appear, so sending the same data again may store it twice.
 */
public class AcceptedNotStoredException extends RuntimeException {
    public AcceptedNotStoredException(String message) {
        super(message);
    }
}
