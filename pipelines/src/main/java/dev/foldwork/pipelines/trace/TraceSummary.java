package dev.foldwork.pipelines.trace;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code trace_summary} fold, of a bounded size however many spans the trace has,
 * so each batch writes a few hundred bytes, not every span again. {@code sample} keeps the facts
 * of the {@link TraceSummaryFold#SAMPLE_SIZE} lowest span ids (a span reported again there
 * replaces its fact, the later-ending report winning); {@code rest} keeps running totals of the
 * others. The summary fields combine both, so spans in any order give the same summary; a span
 * id outside the sample that arrives twice counts twice. {@code lastEventId}/{@code lastEventAt}
 * name the newest event by (timestamp, id).
 */
public record TraceSummary(
        String traceId,
        long spanCount,
        String rootSpanName,
        long startTimeMs,
        long endTimeMs,
        long durationMs,
        long inputTokens,
        long outputTokens,
        double totalCost,
        long errorCount,
        TraceStatus status,
        List<String> models,
        String lastEventId,
        long lastEventAt,
        SortedMap<String, SpanFact> sample,
        SpanTotals rest) {

    public static TraceSummary empty() {
        return new TraceSummary(null, 0, null, 0, 0, 0, 0, 0, 0, 0, TraceStatus.OK, List.of(), null, 0, new TreeMap<>(), SpanTotals.NONE);
    }
}
