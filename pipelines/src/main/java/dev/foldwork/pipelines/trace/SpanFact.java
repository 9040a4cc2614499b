package dev.foldwork.pipelines.trace;

import java.util.Comparator;

/**
 * What a trace summary keeps of one span. When a span id arrives twice with different
 * content, the greater fact by {@link #ORDER} wins, so the outcome does not depend on which
 * copy came first.
 */
public record SpanFact(
        String parentSpanId,
        String name,
        long startTimeMs,
        long endTimeMs,
        boolean error,
        String model,
        long inputTokens,
        long outputTokens,
        double cost) {

    /** A total order over every field: the later-ending, richer report of a span is the greater. */
    static final Comparator<SpanFact> ORDER = Comparator.comparingLong(SpanFact::endTimeMs)
            .thenComparingLong(SpanFact::startTimeMs)
            .thenComparingLong(SpanFact::inputTokens)
            .thenComparingLong(SpanFact::outputTokens)
            .thenComparingDouble(SpanFact::cost)
            .thenComparing(SpanFact::error)
            .thenComparing(SpanFact::name)
            .thenComparing(SpanFact::model, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(SpanFact::parentSpanId, Comparator.nullsFirst(Comparator.naturalOrder()));

    public static SpanFact of(SpanRecorded span) {
        return new SpanFact(span.parentSpanId(), span.name(), span.startTimeMs(), span.endTimeMs(),
                span.status() == SpanStatus.ERROR, span.model(), span.inputTokens(), span.outputTokens(), span.cost());
    }

    public boolean isRoot() {
        return parentSpanId == null;
    }

    public boolean supersedes(SpanFact other) {
        return ORDER.compare(this, other) > 0;
    }
}
