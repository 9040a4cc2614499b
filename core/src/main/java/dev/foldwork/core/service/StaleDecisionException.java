package dev.foldwork.core.service;

import dev.foldwork.core.domain.StreamId;

/** A history a command decided on grew before the command's events were written; decide again. */
public final class StaleDecisionException extends RuntimeException {
    private final StreamId stream;

    public StaleDecisionException(StreamId stream, long expected, long actual) {
        super("stream " + stream + " ends at seq " + actual + ", the decision was made at seq " + expected);
        this.stream = stream;
    }

    public StreamId stream() {
        return stream;
    }
}
