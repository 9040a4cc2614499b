package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.pipelines.Limits;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Fold {@code trace_summary}: one trace's spans reduced to counts, times, tokens, cost and status. */
public final class TraceSummaryFold implements FoldProjection<TraceSummary> {
    public static final String NAME = "trace_summary";
    /** Bounds the state a pathological trace can grow to. */
    public static final int MAX_SPANS = 2_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TraceSummary> stateType() {
        return TraceSummary.class;
    }

    @Override
    public TraceSummary init() {
        return TraceSummary.empty();
    }

    @Override
    public TraceSummary apply(TraceSummary state, Event event) {
        if (!SpanRecorded.is(event)) {
            return state;
        }
        SpanRecorded span = SpanRecorded.read(event);
        TreeMap<String, SpanFact> spans = new TreeMap<>(state.spans());
        long beyondLimit = state.spansBeyondLimit();
        SpanFact fact = SpanFact.of(span);
        SpanFact known = spans.get(span.spanId());
        if (known == null) {
            spans.put(span.spanId(), fact);
            if (spans.size() > MAX_SPANS) {
                spans.pollLastEntry();
                beyondLimit++;
            }
        } else if (fact.supersedes(known)) {
            spans.put(span.spanId(), fact);
        }

        boolean newer = event.timestamp() > state.lastEventAt()
                || (event.timestamp() == state.lastEventAt() && (state.lastEventId() == null || event.id().compareTo(state.lastEventId()) > 0));
        String lastEventId = newer ? event.id() : state.lastEventId();
        long lastEventAt = newer ? event.timestamp() : state.lastEventAt();
        return summarize(event.aggregateId(), spans, beyondLimit, lastEventId, lastEventAt);
    }

    /** Derives every total from the facts, visited in span id order so sums are reproducible. */
    private static TraceSummary summarize(String traceId, TreeMap<String, SpanFact> spans, long beyondLimit,
                                  String lastEventId, long lastEventAt) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long inputTokens = 0;
        long outputTokens = 0;
        double cost = 0;
        long errors = 0;
        SpanFact root = null;
        SortedSet<String> models = new TreeSet<>();
        for (SpanFact fact : spans.values()) {
            start = Math.min(start, fact.startTimeMs());
            end = Math.max(end, fact.endTimeMs());
            inputTokens = Limits.add(inputTokens, fact.inputTokens());
            outputTokens = Limits.add(outputTokens, fact.outputTokens());
            cost = Limits.add(cost, fact.cost());
            errors += fact.error() ? 1 : 0;
            if (fact.model() != null) {
                models.add(fact.model());
            }
            if (fact.isRoot() && (root == null || fact.startTimeMs() < root.startTimeMs())) {
                root = fact;
            }
        }
        if (spans.isEmpty()) {
            start = 0;
            end = 0;
        }
        return new TraceSummary(traceId, spans.size() + beyondLimit, root == null ? null : root.name(),
                start, end, end - start, inputTokens, outputTokens, cost, errors,
                errors > 0 ? TraceStatus.ERROR : TraceStatus.OK, models.stream().toList(),
                lastEventId, lastEventAt, beyondLimit, spans);
    }
}
