package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code trace_summary} fold, of a bounded size however many spans the trace has,
 * so each batch writes a few KB at most, not every span again. {@code sample} keeps the facts
 * of the {@link TraceSummaryFold#SAMPLE_SIZE} lowest span ids (a span reported again there
 * replaces its fact, the later-ending report winning); {@code rest} keeps running totals of the
 * others, and {@code totalled} their ids. The summary fields combine both, so spans in any order
 * give the same summary. A span id outside the sample that arrives again is not counted again
 * while the trace has at most {@link TotalledSpanIds#MAX_IDS} spans outside the sample; past that
 * it counts twice (its usage once, while the trace has few enough usage-carrying spans for
 * {@link UsageSpans} to hold them). {@code lastEventId}/{@code lastEventAt} name the newest event
 * by (timestamp, id).
 *
 * @param name               the trace's name: the latest {@code rename_trace}, else the root
 *                           span's name, else the name of the span that started first
 * @param startTimeMs        the earliest start of a span with usable timing (0 when none has)
 * @param timeToFirstTokenMs from the trace's start to the first token of any call, null when unknown
 * @param timeToLastTokenMs  from the trace's start to the end of its last call, null when it made none
 * @param tokensPerSecond    output tokens of calls per second of their generation (first token to end)
 * @param input              the first root span's input (else the first span's), at most {@link #MAX_IO} characters
 * @param output             the output of the span that ended last among those with one, at most {@link #MAX_IO}
 * @param models             models used, most recently used first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceSummary(
        String traceId,
        String name,
        long spanCount,
        String rootSpanName,
        long startTimeMs,
        long endTimeMs,
        long durationMs,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long reasoningTokens,
        double totalCost,
        long errorCount,
        TraceStatus status,
        String errorMessage,
        List<String> models,
        Long timeToFirstTokenMs,
        Long timeToLastTokenMs,
        Double tokensPerSecond,
        String input,
        String output,
        String userId,
        String threadId,
        String customerId,
        List<String> labels,
        List<String> promptIds,
        String sdkName,
        String sdkVersion,
        Rename rename,
        String lastEventId,
        long lastEventAt,
        SortedMap<String, SpanFact> sample,
        SpanTotals rest,
        TotalledSpanIds totalled) {
    /** Characters of the trace's input and output the summary keeps. */
    public static final int MAX_IO = 2_000;

    /** The latest rename: by event time, then event id. */
    public record Rename(String name, long at, String eventId) {
        boolean after(Rename other) {
            return other == null || at > other.at || (at == other.at && eventId.compareTo(other.eventId) > 0);
        }
    }

    public static TraceSummary empty() {
        return new Builder().build();
    }

    /**
     * Builds a summary field by field, by name: the fold computes every field afresh from the spans'
     * totals, and 34 positional arguments would let one misplaced value shift the rest. Unset fields
     * are those of {@link #empty()}.
     */
    public static final class Builder {
        private String traceId;
        private String name;
        private long spanCount;
        private String rootSpanName;
        private long startTimeMs;
        private long endTimeMs;
        private long durationMs;
        private long inputTokens;
        private long outputTokens;
        private long cachedInputTokens;
        private long reasoningTokens;
        private double totalCost;
        private long errorCount;
        private TraceStatus status = TraceStatus.OK;
        private String errorMessage;
        private List<String> models = List.of();
        private Long timeToFirstTokenMs;
        private Long timeToLastTokenMs;
        private Double tokensPerSecond;
        private String input;
        private String output;
        private String userId;
        private String threadId;
        private String customerId;
        private List<String> labels = List.of();
        private List<String> promptIds = List.of();
        private String sdkName;
        private String sdkVersion;
        private Rename rename;
        private String lastEventId;
        private long lastEventAt;
        private SortedMap<String, SpanFact> sample = new TreeMap<>();
        private SpanTotals rest = SpanTotals.NONE;
        private TotalledSpanIds totalled = TotalledSpanIds.NONE;

        public Builder traceId(String value) {
            traceId = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder spanCount(long value) {
            spanCount = value;
            return this;
        }

        public Builder rootSpanName(String value) {
            rootSpanName = value;
            return this;
        }

        public Builder startTimeMs(long value) {
            startTimeMs = value;
            return this;
        }

        public Builder endTimeMs(long value) {
            endTimeMs = value;
            return this;
        }

        public Builder durationMs(long value) {
            durationMs = value;
            return this;
        }

        public Builder inputTokens(long value) {
            inputTokens = value;
            return this;
        }

        public Builder outputTokens(long value) {
            outputTokens = value;
            return this;
        }

        public Builder cachedInputTokens(long value) {
            cachedInputTokens = value;
            return this;
        }

        public Builder reasoningTokens(long value) {
            reasoningTokens = value;
            return this;
        }

        public Builder totalCost(double value) {
            totalCost = value;
            return this;
        }

        public Builder errorCount(long value) {
            errorCount = value;
            return this;
        }

        public Builder status(TraceStatus value) {
            status = value;
            return this;
        }

        public Builder errorMessage(String value) {
            errorMessage = value;
            return this;
        }

        public Builder models(List<String> value) {
            models = value;
            return this;
        }

        public Builder timeToFirstTokenMs(Long value) {
            timeToFirstTokenMs = value;
            return this;
        }

        public Builder timeToLastTokenMs(Long value) {
            timeToLastTokenMs = value;
            return this;
        }

        public Builder tokensPerSecond(Double value) {
            tokensPerSecond = value;
            return this;
        }

        public Builder input(String value) {
            input = value;
            return this;
        }

        public Builder output(String value) {
            output = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder threadId(String value) {
            threadId = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder labels(List<String> value) {
            labels = value;
            return this;
        }

        public Builder promptIds(List<String> value) {
            promptIds = value;
            return this;
        }

        public Builder sdkName(String value) {
            sdkName = value;
            return this;
        }

        public Builder sdkVersion(String value) {
            sdkVersion = value;
            return this;
        }

        public Builder rename(Rename value) {
            rename = value;
            return this;
        }

        public Builder lastEventId(String value) {
            lastEventId = value;
            return this;
        }

        public Builder lastEventAt(long value) {
            lastEventAt = value;
            return this;
        }

        public Builder sample(SortedMap<String, SpanFact> value) {
            sample = value;
            return this;
        }

        public Builder rest(SpanTotals value) {
            rest = value;
            return this;
        }

        public Builder totalled(TotalledSpanIds value) {
            totalled = value;
            return this;
        }

        public TraceSummary build() {
            return new TraceSummary(traceId, name, spanCount, rootSpanName, startTimeMs, endTimeMs, durationMs,
                    inputTokens, outputTokens, cachedInputTokens, reasoningTokens, totalCost, errorCount, status,
                    errorMessage, models, timeToFirstTokenMs, timeToLastTokenMs, tokensPerSecond, input, output,
                    userId, threadId, customerId, labels, promptIds, sdkName, sdkVersion, rename, lastEventId,
                    lastEventAt, sample, rest, totalled);
        }
    }
}
