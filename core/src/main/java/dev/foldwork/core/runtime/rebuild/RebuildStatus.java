package dev.foldwork.core.runtime.rebuild;

/**
 * A rebuild's record, as stored and as shown: what it rebuilds, how far it is and how it ended.
 * {@code revision} counts the record's updates (its version in the store, so the newest wins);
 * {@code heartbeatAtMs} moves with each page, so a record whose process died is seen as such.
 */
public record RebuildStatus(String id, String tenant, String projection, String aggregateId, State state,
                            long eventsDone, long eventsTotal, int generation, long startedAtMs, long heartbeatAtMs,
                            long finishedAtMs, String error, long revision) {
    public enum State { RUNNING, DONE, FAILED, CANCELLED }

    /** Events folded per second so far (until it finished, if it did). */
    public double eventsPerSecond() {
        long until = finishedAtMs > 0 ? finishedAtMs : heartbeatAtMs;
        long elapsed = Math.max(1, until - startedAtMs);
        return eventsDone * 1000.0 / elapsed;
    }

    RebuildStatus progressed(long done, long nowMs) {
        return new RebuildStatus(id, tenant, projection, aggregateId, state, done, Math.max(eventsTotal, done), generation,
                startedAtMs, nowMs, finishedAtMs, error, revision + 1);
    }

    RebuildStatus ended(State end, String why, long nowMs) {
        return new RebuildStatus(id, tenant, projection, aggregateId, end, eventsDone,
                end == State.DONE ? eventsDone : eventsTotal, generation, startedAtMs, nowMs, nowMs, why, revision + 1);
    }
}
