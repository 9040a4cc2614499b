package dev.foldwork.pipelines.trace;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code trace_summary} fold. Every total is derived from {@code spans}, the
 * facts per span id in id order, so spans arriving out of order or twice give the same
 * summary. {@code lastEventId}/{@code lastEventAt} name the newest event by (timestamp, id).
 * Facts are kept for at most {@link TraceSummaryFold#MAX_SPANS} span ids (the lowest);
 * the rest only count in {@code spansBeyondLimit}.
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
        long spansBeyondLimit,
        SortedMap<String, SpanFact> spans) {

    public static TraceSummary empty() {
        return new TraceSummary(null, 0, null, 0, 0, 0, 0, 0, 0, 0, TraceStatus.OK, List.of(), null, 0, 0, new TreeMap<>());
    }
}
