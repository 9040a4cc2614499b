package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.CommandChecks;
import dev.foldwork.pipelines.TestEvents;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code record_spans} spans as OTLP would carry them, and the events the command turns them into. */
final class OtlpSpans {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final long MS = 1_000_000L;
    /** 2026-11-10T00:00:00Z in ms. */
    static final long T0 = TestEvents.T0;
    static final ModelPrices PRICES = ModelPrices.bundled();

    private OtlpSpans() {}

    static ObjectNode span(String spanId, String parentSpanId, String name, long startMs, long endMs) {
        ObjectNode span = Json.object().put("spanId", spanId).put("name", name).put("kind", "internal")
                .put("startTimeUnixNano", startMs * MS).put("endTimeUnixNano", endMs * MS);
        if (parentSpanId != null) {
            span.put("parentSpanId", parentSpanId);
        }
        span.putObject("attributes");
        return span;
    }

    static ObjectNode attributes(ObjectNode span) {
        return (ObjectNode) span.get("attributes");
    }

    static ObjectNode llm(String spanId, String parent, long startMs, long endMs, String model, long in, long out) {
        ObjectNode span = span(spanId, parent, "chat " + model, startMs, endMs);
        attributes(span).put("gen_ai.operation.name", "chat").put("gen_ai.request.model", model)
                .put("gen_ai.usage.input_tokens", in).put("gen_ai.usage.output_tokens", out);
        return span;
    }

    static ObjectNode command(JsonNode... spans) {
        ObjectNode payload = Json.object().put("traceId", TRACE);
        payload.putArray("spans").addAll(List.of(spans));
        return payload;
    }

    /** The events one {@code record_spans} command per span stores, in the given order. */
    static List<Event> events(TestEvents events, List<? extends JsonNode> spans) {
        List<Event> stored = new ArrayList<>();
        for (JsonNode span : spans) {
            stored.addAll(events.stored(CommandChecks.decide(new RecordSpansCommand(PRICES), command(span))));
        }
        return stored;
    }

    static SpanRecorded recorded(JsonNode span) {
        return Json.fromNode(CommandChecks.decide(new RecordSpansCommand(PRICES), command(span)).get(0).data(), SpanRecorded.class);
    }

    /** The summary without the fields that name the newest event, which differ with arrival order by design. */
    static JsonNode withoutLastEvent(TraceSummary summary) {
        ObjectNode node = (ObjectNode) Json.toNode(summary);
        node.remove(List.of("lastEventId", "lastEventAt"));
        return node;
    }
}
