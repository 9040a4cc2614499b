package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;

/**
 * Event {@value #TYPE}, schema version {@value #VERSION}: one span as an SDK reported it.
 * Version 1 had no {@code cost}; {@link #read} upcasts it, so projections only ever see v2.
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
        String sdkVersion) {

    public static final String TYPE = "SpanRecorded";
    public static final int VERSION = 2;

    public static boolean is(Event event) {
        return event.type().equals(TYPE);
    }

    /** Reads a span event of any known version as the current shape. */
    public static SpanRecorded read(Event event) {
        JsonNode data = switch (event.version()) {
            case 1 -> upcastV1(event.data());
            case VERSION -> event.data();
            default -> throw new IllegalArgumentException(TYPE + " version " + event.version()
                    + " is newer than this reader (" + VERSION + ")");
        };
        return Json.fromNode(data, SpanRecorded.class);
    }

    /** v1 SDKs did not report cost; an unknown cost counts as zero rather than guessing a price. */
    private static JsonNode upcastV1(JsonNode v1) {
        ObjectNode v2 = v1.deepCopy();
        v2.put("cost", 0.0);
        return v2;
    }

    public long durationMs() {
        return endTimeMs - startTimeMs;
    }
}
