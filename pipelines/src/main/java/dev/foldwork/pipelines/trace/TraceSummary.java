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
 * others. The summary fields combine both, so spans in any order give the same summary; a span
 * id outside the sample that arrives twice counts twice (its usage once, while the trace has few
 * enough usage-carrying spans for {@link UsageSpans} to hold them). {@code lastEventId}/{@code lastEventAt}
 * name the newest event by (timestamp, id).
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
        SpanTotals rest) {
    /** Characters of the trace's input and output the summary keeps. */
    public static final int MAX_IO = 2_000;

    /** The latest rename: by event time, then event id. */
    public record Rename(String name, long at, String eventId) {
        boolean after(Rename other) {
            return other == null || at > other.at || (at == other.at && eventId.compareTo(other.eventId) > 0);
        }
    }

    public static TraceSummary empty() {
        return new TraceSummary(null, null, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, TraceStatus.OK, null, List.of(),
                null, null, null, null, null, null, null, null, List.of(), List.of(), null, null, null, null, 0,
                new TreeMap<>(), SpanTotals.NONE);
    }
}
