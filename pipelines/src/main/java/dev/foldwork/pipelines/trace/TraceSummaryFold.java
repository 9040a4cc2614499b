package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Fold {@code trace_summary}: one trace's spans reduced to counts, times, tokens, cost and status. */
public final class TraceSummaryFold implements FoldProjection<TraceSummary> {
    public static final String NAME = "trace_summary";
    /** Spans whose facts the summary keeps (the lowest ids); it only totals the others. */
    public static final int SAMPLE_SIZE = 5;

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
        TreeMap<String, SpanFact> sample = new TreeMap<>(state.sample() == null ? Map.of() : state.sample());
        SpanTotals rest = state.rest() != null ? state.rest() : carriedOver(state);
        SpanFact fact = SpanFact.of(span);
        SpanFact known = sample.get(span.spanId());
        if (known != null) {
            if (fact.supersedes(known)) {
                sample.put(span.spanId(), fact);
            }
        } else if (sample.size() < SAMPLE_SIZE || span.spanId().compareTo(sample.lastKey()) < 0) {
            sample.put(span.spanId(), fact);
            if (sample.size() > SAMPLE_SIZE) {
                Map.Entry<String, SpanFact> evicted = sample.pollLastEntry();
                rest = rest.plus(evicted.getKey(), evicted.getValue());
            }
        } else {
            rest = rest.plus(span.spanId(), fact);
        }

        boolean newer = event.timestamp() > state.lastEventAt()
                || (event.timestamp() == state.lastEventAt() && (state.lastEventId() == null || event.id().compareTo(state.lastEventId()) > 0));
        String lastEventId = newer ? event.id() : state.lastEventId();
        long lastEventAt = newer ? event.timestamp() : state.lastEventAt();
        return summarize(event.aggregateId(), sample, rest, lastEventId, lastEventAt);
    }

    private static TraceSummary summarize(String traceId, TreeMap<String, SpanFact> sample, SpanTotals rest,
                                          String lastEventId, long lastEventAt) {
        SpanTotals all = rest;
        for (Map.Entry<String, SpanFact> entry : sample.entrySet()) {
            all = all.plus(entry.getKey(), entry.getValue());
        }
        return new TraceSummary(traceId, all.count(), all.root() == null ? null : all.root().name(),
                all.startTimeMs(), all.endTimeMs(), all.endTimeMs() - all.startTimeMs(), all.inputTokens(),
                all.outputTokens(), all.cost(), all.errors(), all.errors() > 0 ? TraceStatus.ERROR : TraceStatus.OK,
                all.models().stream().toList(), lastEventId, lastEventAt, sample, rest);
    }

    /**
     * A state stored before {@code rest} existed (it kept one fact per span): its totals carry over
     * as the totals of spans outside the sample, so nothing already counted is lost.
     */
    private static SpanTotals carriedOver(TraceSummary legacy) {
        if (legacy.spanCount() == 0) {
            return SpanTotals.NONE;
        }
        SpanTotals.Root root = legacy.rootSpanName() == null ? null : new SpanTotals.Root("", legacy.rootSpanName(), legacy.startTimeMs());
        return new SpanTotals(legacy.spanCount(), legacy.startTimeMs(), legacy.endTimeMs(), legacy.inputTokens(),
                legacy.outputTokens(), Math.round(legacy.totalCost() * 1e9), legacy.errorCount(), root,
                new TreeSet<>(legacy.models() == null ? List.of() : legacy.models()));
    }
}
