package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.pipelines.SentBySdk;
import java.util.List;

/**
 * Event {@value #TYPE}, schema version {@value #VERSION}: one span as an SDK reported it.
 * Version 1 had no {@code cost}; version 2 had none of the LLM detail (provider to
 * {@code firstTokenAtMs}). {@link TraceEvent#CODEC} upcasts both, so projections only ever see v3.
 *
 * @param costSource     {@code sdk} when the SDK sent the cost, {@code prices@<version>} when the
 *                       price table of that version priced it, null when neither did (cost 0)
 * @param input          the span's input as text, at most {@link #MAX_CONTENT} characters
 * @param output         the span's output as text, at most {@link #MAX_CONTENT} characters
 * @param firstTokenAtMs when the first token arrived (epoch ms), 0 when unknown
 */
public record SpanRecorded(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        long startTimeMs,
        long endTimeMs,
        SpanStatus status,
        String errorMessage,
        String model,
        long inputTokens,
        long outputTokens,
        double cost,
        JsonNode attributes,
        String sdkName,
        String sdkVersion,
        String provider,
        String operation,
        long cachedInputTokens,
        long reasoningTokens,
        String costSource,
        String input,
        String output,
        String userId,
        String threadId,
        String customerId,
        List<String> labels,
        String promptId,
        long firstTokenAtMs) implements TraceEvent, SentBySdk {

    public static final String TYPE = "SpanRecorded";
    public static final int VERSION = 3;
    /** Input and output text of one span, in characters; longer text is cut, not refused. */
    public static final int MAX_CONTENT = 8_192;

    public SpanRecorded {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A span without LLM detail, as {@code record_span} and version 2 events carry it. */
    public SpanRecorded(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
                        long startTimeMs, long endTimeMs, SpanStatus status, String errorMessage, String model,
                        long inputTokens, long outputTokens, double cost, JsonNode attributes, String sdkName,
                        String sdkVersion) {
        this(traceId, spanId, parentSpanId, name, kind, startTimeMs, endTimeMs, status, errorMessage, model,
                inputTokens, outputTokens, cost, attributes, sdkName, sdkVersion, null, null, 0, 0,
                cost > 0 ? CostSource.SDK : null, null, null, null, null, null, List.of(), null, 0);
    }

    /** v1 SDKs did not report cost; an unknown cost counts as zero rather than guessing a price. */
    static ObjectNode upcastV1(ObjectNode v1) {
        return v1.put("cost", 0.0);
    }

    /**
     * v2 spans carried no LLM detail: none is invented, and a v2 cost above zero is the SDK's
     * (v2 had no price table), so a replay prices nothing that was not priced when it was stored.
     */
    static ObjectNode upcastV2(ObjectNode v2) {
        v2.putArray("labels");
        v2.put("cachedInputTokens", 0).put("reasoningTokens", 0).put("firstTokenAtMs", 0);
        if (v2.path("cost").asDouble() > 0) {
            v2.put("costSource", CostSource.SDK);
        }
        return v2;
    }

    public long durationMs() {
        return endTimeMs - startTimeMs;
    }

    /** A span's start and end are usable for trace timing: a start was sent and the end is not before it. */
    public boolean hasValidTiming() {
        return startTimeMs > 0 && endTimeMs >= startTimeMs;
    }

    /** The values of {@code costSource}. */
    public static final class CostSource {
        public static final String SDK = "sdk";
        public static final String PRICES_PREFIX = "prices@";

        private CostSource() {}
    }
}
