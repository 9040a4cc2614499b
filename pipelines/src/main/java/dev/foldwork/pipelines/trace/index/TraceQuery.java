package dev.foldwork.pipelines.trace.index;

/**
 * Which traces to list; a null filter does not filter. {@code from} is inclusive and {@code to}
 * exclusive, on the trace's start time in epoch milliseconds; {@code label} and {@code model}
 * match one of the trace's; {@code after} continues a previous page.
 */
public record TraceQuery(Long from, Long to, String userId, String threadId, String label, String model,
                         Boolean hasError, Double minCost, int limit, TraceCursor after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public TraceQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (minCost != null && !(minCost >= 0)) {
            throw new IllegalArgumentException("minCost must be a number of 0 or more, was " + minCost);
        }
    }

    /** Every trace of the tenant, a page of {@code limit}. */
    public static TraceQuery all(int limit) {
        return new TraceQuery(null, null, null, null, null, null, null, null, limit, null);
    }

    public TraceQuery after(TraceCursor cursor) {
        return new TraceQuery(from, to, userId, threadId, label, model, hasError, minCost, limit, cursor);
    }
}
