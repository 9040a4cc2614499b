package dev.foldwork.core.service;

import java.util.List;

/**
 * Events were stored but their dispatch was not accepted. They stay in the event store, the
 * source of truth; dispatching them again is safe because folds skip events they already hold.
 */
public class DispatchFailedException extends RuntimeException {
    private final List<String> storedEventIds;

    public DispatchFailedException(List<String> storedEventIds, Throwable cause) {
        super("events " + storedEventIds + " are stored but were not dispatched: " + cause, cause);
        this.storedEventIds = List.copyOf(storedEventIds);
    }

    public List<String> storedEventIds() {
        return storedEventIds;
    }
}
