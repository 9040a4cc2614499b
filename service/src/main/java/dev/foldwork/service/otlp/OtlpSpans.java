package dev.foldwork.service.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.RecordSpansCommand;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An export request's spans, grouped by trace id into {@code record_spans} payloads, and the spans
 * that cannot be keyed (a trace or span id of the wrong length or all zero, a span its own parent),
 * each named with why. Attribute values keep their type; key-value lists become JSON text.
 */
public record OtlpSpans(Map<String, List<ObjectNode>> byTrace, List<Rejection> rejected) {

    /** A span refused, named as the client can find it. */
    public record Rejection(String traceId, String spanId, String name, String reason) {
        @Override
        public String toString() {
            return "span \"" + name + "\" (traceId " + traceId + ", spanId " + spanId + "): " + reason;
        }
    }

    public static OtlpSpans of(ExportTraceServiceRequest request) {
        Map<String, List<ObjectNode>> byTrace = new LinkedHashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            ObjectNode resource = attributes(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    String traceId = hex(span.getTraceId());
                    String spanId = hex(span.getSpanId());
                    String parentId = hex(span.getParentSpanId());
                    String reason = !RecordSpansCommand.isTraceId(traceId) ? "traceId must be 16 bytes, not all zero"
                            : !RecordSpansCommand.isSpanId(spanId) ? "spanId must be 8 bytes, not all zero"
                            : !parentId.isEmpty() && !RecordSpansCommand.isSpanId(parentId) ? "parentSpanId must be empty or 8 bytes, not all zero"
                            : parentId.equals(spanId) ? "parentSpanId must differ from spanId"
                            : null;
                    if (reason != null) {
                        rejected.add(new Rejection(traceId, spanId, span.getName(), reason));
                    } else {
                        byTrace.computeIfAbsent(traceId, id -> new ArrayList<>()).add(span(span, spanId, parentId, resource));
                    }
                }
            }
        }
        return new OtlpSpans(byTrace, rejected);
    }

    private static ObjectNode span(Span span, String spanId, String parentId, ObjectNode resource) {
        ObjectNode node = Json.object().put("spanId", spanId);
        if (!parentId.isEmpty()) {
            node.put("parentSpanId", parentId);
        }
        node.put("name", span.getName()).put("kind", kind(span.getKind()))
                .put("startTimeUnixNano", Math.max(0, span.getStartTimeUnixNano()))
                .put("endTimeUnixNano", Math.max(0, span.getEndTimeUnixNano()))
                .put("status", status(span.getStatus().getCode()));
        if (!span.getStatus().getMessage().isEmpty()) {
            node.put("statusMessage", span.getStatus().getMessage());
        }
        node.set("attributes", attributes(span.getAttributesList()));
        node.set("resource", resource);
        ArrayNode events = node.putArray("events");
        for (Span.Event event : span.getEventsList()) {
            events.addObject().put("name", event.getName()).put("timeUnixNano", Math.max(0, event.getTimeUnixNano()))
                    .set("attributes", attributes(event.getAttributesList()));
        }
        return node;
    }

    private static ObjectNode attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static ObjectNode attributes(List<KeyValue> keyValues) {
        ObjectNode object = Json.object();
        for (KeyValue kv : keyValues) {
            JsonNode value = value(kv.getValue());
            if (value != null) {
                object.set(kv.getKey(), value);
            }
        }
        return object;
    }

    private static JsonNode value(AnyValue value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value.getValueCase()) {
            case STRING_VALUE -> nodes.textNode(value.getStringValue());
            case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
            case INT_VALUE -> nodes.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? nodes.numberNode(value.getDoubleValue())
                    : nodes.textNode(Double.toString(value.getDoubleValue()));
            case BYTES_VALUE -> nodes.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = nodes.arrayNode();
                value.getArrayValue().getValuesList().forEach(item -> {
                    JsonNode converted = value(item);
                    if (converted != null) {
                        array.add(converted.isContainerNode() ? nodes.textNode(Json.write(converted)) : converted);
                    }
                });
                yield array;
            }
            case KVLIST_VALUE -> nodes.textNode(Json.write(attributes(value.getKvlistValue().getValuesList())));
            default -> null;
        };
    }

    private static String kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> "server";
            case SPAN_KIND_CLIENT -> "client";
            case SPAN_KIND_PRODUCER -> "producer";
            case SPAN_KIND_CONSUMER -> "consumer";
            default -> "internal";
        };
    }

    private static String status(Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_OK -> "ok";
            case STATUS_CODE_ERROR -> "error";
            default -> "unset";
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
