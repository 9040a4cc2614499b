package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedFold;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fold {@code trace_summary}: one trace's spans reduced to counts, times, tokens, cost, latency,
 * input and output, metadata and status; a {@code TraceRenamed} event names it.
 */
public final class TraceSummaryFold implements TypedFold<TraceSummary, TraceEvent> {
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
    public EventCodec<TraceEvent> events() {
        return TraceEvent.CODEC;
    }

    @Override
    public TraceSummary apply(TraceSummary state, TraceEvent event, Event envelope) {
        Summing summing = new Summing(state);
        summing.add(event, envelope);
        return summing.summary(envelope.aggregateId());
    }

    /** The summary is derived once for the batch, not once per span: the same state as a span at a time. */
    @Override
    public TraceSummary applyAll(TraceSummary state, List<Event> batch) {
        Summing summing = new Summing(state);
        for (Event envelope : batch) {
            events().decode(envelope).ifPresent(event -> summing.add(event, envelope));
        }
        return summing.added ? summing.summary(batch.get(0).aggregateId()) : state;
    }

    /** A summary's parts while events are added to them: its sample, totals, rename and latest event. */
    private static final class Summing {
        private final TreeMap<String, SpanFact> sample;
        private Totals totals;
        private TraceSummary.Rename rename;
        private String lastEventId;
        private long lastEventAt;
        private boolean added;

        Summing(TraceSummary state) {
            sample = new TreeMap<>(state.sample() == null ? Map.of() : state.sample());
            totals = new Totals(state.rest() != null ? state.rest() : carriedOver(state),
                    state.totalled() != null ? state.totalled() : TotalledSpanIds.NONE);
            rename = state.rename();
            lastEventId = state.lastEventId();
            lastEventAt = state.lastEventAt();
        }

        void add(TraceEvent event, Event envelope) {
            if (event instanceof SpanRecorded span) {
                totals = TraceSummaryFold.add(sample, totals, span);
            } else if (event instanceof TraceRenamed renamed) {
                TraceSummary.Rename candidate = new TraceSummary.Rename(renamed.name(), envelope.timestamp(), envelope.id());
                rename = candidate.after(rename) ? candidate : rename;
            }
            boolean newer = envelope.timestamp() > lastEventAt
                    || (envelope.timestamp() == lastEventAt && (lastEventId == null || envelope.id().compareTo(lastEventId) > 0));
            if (newer) {
                lastEventId = envelope.id();
                lastEventAt = envelope.timestamp();
            }
            added = true;
        }

        TraceSummary summary(String traceId) {
            return summarize(traceId, sample, totals, rename, lastEventId, lastEventAt);
        }
    }

    /** The running totals of the spans outside the sample, and their ids. */
    private record Totals(SpanTotals spans, TotalledSpanIds ids) {
        Totals plus(String spanId, SpanFact fact) {
            return new Totals(spans.plus(spanId, fact), ids.plus(spanId));
        }
    }

    /**
     * Puts the span's fact in the sample (evicting the highest id into the totals) or into the
     * totals, unless the totals hold its id already (a span reported again); returns the totals.
     */
    private static Totals add(TreeMap<String, SpanFact> sample, Totals totals, SpanRecorded span) {
        SpanFact fact = SpanFact.of(span);
        SpanFact known = sample.get(span.spanId());
        if (known != null) {
            if (fact.supersedes(known)) {
                sample.put(span.spanId(), fact);
            }
            return totals;
        }
        if (totals.ids().holds(span.spanId())) {
            return totals;
        }
        if (sample.size() < SAMPLE_SIZE || span.spanId().compareTo(sample.lastKey()) < 0) {
            sample.put(span.spanId(), fact);
            if (sample.size() > SAMPLE_SIZE) {
                Map.Entry<String, SpanFact> evicted = sample.pollLastEntry();
                return totals.plus(evicted.getKey(), evicted.getValue());
            }
            return totals;
        }
        return totals.plus(span.spanId(), fact);
    }

    private static TraceSummary summarize(String traceId, TreeMap<String, SpanFact> sample, Totals totals,
                                          TraceSummary.Rename rename, String lastEventId, long lastEventAt) {
        SpanTotals all = totals.spans();
        for (Map.Entry<String, SpanFact> entry : sample.entrySet()) {
            all = all.plus(entry.getKey(), entry.getValue());
        }
        SpanTotals.Usage usage = all.usage();
        String rootName = all.root() == null ? null : all.root().name();
        String computedName = rootName != null ? rootName : all.first() == null ? null : all.first().name();
        boolean timed = all.timed() > 0;
        String sdk = value(all.sdk());
        int at = sdk == null ? -1 : sdk.indexOf('@');
        return new TraceSummary.Builder()
                .traceId(traceId)
                .name(rename != null ? rename.name() : computedName)
                .spanCount(all.count())
                .rootSpanName(rootName)
                .startTimeMs(all.startTimeMs())
                .endTimeMs(all.endTimeMs())
                .durationMs(all.endTimeMs() - all.startTimeMs())
                .inputTokens(usage.inputTokens())
                .outputTokens(usage.outputTokens())
                .cachedInputTokens(usage.cachedInputTokens())
                .reasoningTokens(usage.reasoningTokens())
                .totalCost(usage.costNanos() / 1e9)
                .errorCount(all.errors())
                .status(all.errors() > 0 ? TraceStatus.ERROR : TraceStatus.OK)
                .errorMessage(value(all.errorMessage()))
                .models(all.modelsByRecency())
                .timeToFirstTokenMs(timed && all.firstTokenAtMs() >= all.startTimeMs() && all.firstTokenAtMs() > 0
                        ? all.firstTokenAtMs() - all.startTimeMs() : null)
                .timeToLastTokenMs(timed && all.lastTokenAtMs() > 0 ? all.lastTokenAtMs() - all.startTimeMs() : null)
                .tokensPerSecond(all.generationMs() > 0
                        ? Math.round(all.generatedTokens() * 100_000.0 / all.generationMs()) / 100.0 : null)
                .input(value(all.input()))
                .output(all.output() == null ? null : all.output().value())
                .userId(value(all.userId()))
                .threadId(value(all.threadId()))
                .customerId(value(all.customerId()))
                .labels(List.copyOf(all.labels()))
                .promptIds(List.copyOf(all.promptIds()))
                .sdkName(sdk == null ? null : at < 0 ? sdk : sdk.substring(0, at))
                .sdkVersion(at < 0 ? null : sdk.substring(at + 1))
                .rename(rename)
                .lastEventId(lastEventId)
                .lastEventAt(lastEventAt)
                .sample(sample)
                .rest(totals.spans())
                .totalled(totals.ids())
                .build();
    }

    private static String value(SpanTotals.Pick pick) {
        return pick == null ? null : pick.value();
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
        TreeMap<String, Long> models = new TreeMap<>();
        (legacy.models() == null ? List.<String>of() : legacy.models()).forEach(m -> models.put(m, legacy.endTimeMs()));
        return new SpanTotals(legacy.spanCount(), legacy.spanCount(), legacy.startTimeMs(), legacy.endTimeMs(),
                legacy.inputTokens(), legacy.outputTokens(), 0, 0, Math.round(legacy.totalCost() * 1e9),
                SpanTotals.Usage.NONE, null, legacy.errorCount(), root, root, models, null, null, null, null, null, null, null,
                null, null, 0, 0, 0, 0);
    }
}
