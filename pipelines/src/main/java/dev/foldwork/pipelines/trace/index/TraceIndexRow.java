package dev.foldwork.pipelines.trace.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.util.List;

/**
 * A trace as the index keeps it: the fields queries filter and sort on, and the summary's
 * fields to list (without its span sample and running totals, which are the fold's bookkeeping).
 *
 * @param rank the summary's stored rank (generation, then version): the highest wins
 */
public record TraceIndexRow(String traceId, long rank, long startTimeMs, String userId, String threadId,
                            List<String> labels, List<String> models, boolean hasError, double totalCost,
                            ObjectNode summary) {

    public static TraceIndexRow of(String traceId, TraceSummary summary, long rank) {
        ObjectNode fields = (ObjectNode) Json.toNode(summary);
        fields.remove(List.of("sample", "rest"));
        fields.put("traceId", traceId);
        return new TraceIndexRow(traceId, rank, summary.startTimeMs(), summary.userId(), summary.threadId(),
                List.copyOf(summary.labels()), List.copyOf(summary.models()), summary.status() == TraceStatus.ERROR,
                summary.totalCost(), fields);
    }

    boolean matches(TraceQuery query) {
        return (query.from() == null || startTimeMs >= query.from())
                && (query.to() == null || startTimeMs < query.to())
                && (query.userId() == null || query.userId().equals(userId))
                && (query.threadId() == null || query.threadId().equals(threadId))
                && (query.label() == null || labels.contains(query.label()))
                && (query.model() == null || models.contains(query.model()))
                && (query.hasError() == null || query.hasError() == hasError)
                && (query.minCost() == null || totalCost >= query.minCost())
                && (query.after() == null || query.after().isAfter(startTimeMs, traceId));
    }
}
