package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;

/** A fold's {@code apply} threw on an event: the event is poison for that fold until fixed or skipped. */
public class FoldApplyException extends RuntimeException {
    private final String fold;
    private final String eventId;

    public FoldApplyException(String fold, Event event, Throwable cause) {
        super("fold " + fold + " failed on event " + event.id() + " (" + event.type() + " of "
                + event.streamId() + "): " + cause, cause);
        this.fold = fold;
        this.eventId = event.id();
    }

    public String fold() {
        return fold;
    }

    public String eventId() {
        return eventId;
    }
}
