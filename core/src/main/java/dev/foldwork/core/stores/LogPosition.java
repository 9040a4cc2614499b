package dev.foldwork.core.stores;

import java.util.Objects;

/**
 * A place in a tenant's events of one aggregate type in (aggregate id, {@code seq}) order, the
 * order a rebuild reads them in: the next page starts after it.
 */
public record LogPosition(String aggregateId, long seq) {
    /** Before every event (aggregate ids are never empty). */
    public static final LogPosition START = new LogPosition("", 0);

    public LogPosition {
        Objects.requireNonNull(aggregateId, "aggregateId");
    }

    /** After every event of {@code aggregateId}: the next range starts with the aggregate after it. */
    public static LogPosition pastAll(String aggregateId) {
        return new LogPosition(aggregateId, Long.MAX_VALUE);
    }
}
