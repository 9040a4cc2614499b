package dev.foldwork.pipelines.trace.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A trace as the index keeps it: the fields queries filter and sort on, and the summary's
 * fields to list (without its span sample and running totals, which are the fold's bookkeeping).
 *
 * @param rank the summary's stored rank (generation, then version): the highest wins
 */
public record TraceIndexRow(String traceId, long rank, long startTimeMs, String userId, String threadId,
                            List<String> labels, List<String> models, boolean hasError, double totalCost,
                            ObjectNode summary) {

    /** The summary's fields the fold keeps for itself, not for listing. */
    private static final Set<String> BOOKKEEPING = Set.of("sample", "rest");

    /**
     * The row of a {@code trace_summary} state as the fold stored it (a {@link TraceSummary} as
     * JSON), read as it is rather than into a summary and back: the reactor that copies it runs
     * for every stored batch. The row's summary shares the stored state's values, which are never
     * changed once stored.
     */
    public static TraceIndexRow of(String traceId, JsonNode summary, long rank) {
        ObjectNode fields = Json.object().setAll((ObjectNode) summary);
        fields.remove(BOOKKEEPING);
        fields.put("traceId", traceId);
        return new TraceIndexRow(traceId, rank, summary.path("startTimeMs").asLong(), text(summary, "userId"),
                text(summary, "threadId"), texts(summary.path("labels")), texts(summary.path("models")),
                TraceStatus.ERROR.name().equals(summary.path("status").asText()), summary.path("totalCost").asDouble(), fields);
    }

    /** A text field, null when the summary leaves it out (it writes no nulls). */
    private static String text(JsonNode summary, String field) {
        JsonNode value = summary.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>(array.size());
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
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
