package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * Command {@code record_spans}: the spans of ONE trace in OTLP's shape, as {@code POST /v1/traces}
 * groups a request's spans by trace. One command writes one stream (in the Temporal mode a
 * command is one write), so a request costs one write per trace, not one per span.
 *
 * <pre>{"traceId": "32 lowercase hex", "spans": [{"spanId": "16 hex", "parentSpanId": "16 hex",
 *   "name": "...", "kind": "internal|server|client|producer|consumer",
 *   "startTimeUnixNano": n, "endTimeUnixNano": n, "status": "unset|ok|error", "statusMessage": "...",
 *   "attributes": {"gen_ai.request.model": "gpt-4o", ...}, "resource": {"telemetry.sdk.name": ...},
 *   "events": [{"name": "exception", "timeUnixNano": n, "attributes": {...}}]}]}</pre>
 *
 * Ids and the shape are checked (a bad one is refused, naming {@code spans[i].field}); the
 * attributes are read by {@link GenAiConventions}, which cuts rather than refuses. A start of 0
 * or an end before the start is kept: the summary leaves such a span out of the trace's timing.
 */
public final class RecordSpansCommand implements CommandHandler {
    public static final String TYPE = "record_spans";
    /** Spans of one command: OTLP exporters batch 512 by default. */
    public static final int MAX_SPANS = 2_000;
    /** Attributes of one span as sent; SDKs limit spans to 128 by default. */
    public static final int MAX_SENT_ATTRIBUTES = 512;
    /** Events of one span as sent. */
    public static final int MAX_SENT_EVENTS = 256;
    private static final List<String> KINDS = List.of("internal", "server", "client", "producer", "consumer");
    private static final List<String> STATUSES = List.of("unset", "ok", "error");

    private final ModelPrices prices;

    public RecordSpansCommand(ModelPrices prices) {
        this.prices = prices;
    }

    /** A valid OTLP trace id: 32 lowercase hex digits, not all zero. */
    public static boolean isTraceId(String id) {
        return isNonZeroHex(id, 32);
    }

    /** A valid OTLP span id: 16 lowercase hex digits, not all zero. */
    public static boolean isSpanId(String id) {
        return isNonZeroHex(id, 16);
    }

    /** Exactly {@code digits} lowercase hex digits, not all zero (every span is checked: no regex). */
    private static boolean isNonZeroHex(String id, int digits) {
        if (id == null || id.length() != digits) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < digits; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    /** Spans are ingestion: no command of the trace pipeline decides on them. */
    @Override
    public boolean acceptsBeforeStoring() {
        return true;
    }

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String traceId = payload.requiredString("traceId", 32);
        payload.check(traceId.isEmpty() || isTraceId(traceId), "traceId", "must be 32 lowercase hex digits, not all zero");
        JsonNode spans = payload.json().path("spans");
        payload.check(spans.isArray() && !spans.isEmpty(), "spans", "must be a non-empty array of spans");
        payload.check(spans.size() <= MAX_SPANS, "spans", "must hold at most " + MAX_SPANS + " spans, held " + spans.size());
        if (spans.isArray() && spans.size() <= MAX_SPANS) {
            for (int i = 0; i < spans.size(); i++) {
                checkSpan(payload, "spans[" + i + "].", spans.get(i));
            }
        }
        payload.validate();

        List<EventDraft> drafts = new ArrayList<>(spans.size());
        for (JsonNode span : spans) {
            drafts.add(TraceEvent.CODEC.draft(traceId, GenAiConventions.read(traceId, span, prices)));
        }
        return drafts;
    }

    private static void checkSpan(Payload payload, String at, JsonNode node) {
        if (!node.isObject()) {
            payload.check(false, at.substring(0, at.length() - 1), "must be a JSON object");
            return;
        }
        Payload span = new Payload(node);
        String spanId = span.requiredString("spanId", 16);
        span.check(spanId.isEmpty() || isSpanId(spanId), "spanId", "must be 16 lowercase hex digits, not all zero");
        String parent = span.optionalString("parentSpanId", 16).orElse("");
        span.check(parent.isEmpty() || isSpanId(parent), "parentSpanId", "must be 16 lowercase hex digits, or empty for a root span");
        span.check(parent.isEmpty() || !parent.equals(spanId), "parentSpanId", "must differ from spanId");
        span.optionalString("name", Integer.MAX_VALUE);
        oneOf(span, node, "kind", KINDS);
        oneOf(span, node, "status", STATUSES);
        span.optionalString("statusMessage", Integer.MAX_VALUE);
        nanos(span, node, "startTimeUnixNano");
        nanos(span, node, "endTimeUnixNano");
        span.optionalObject("attributes", MAX_SENT_ATTRIBUTES);
        span.optionalObject("resource", MAX_SENT_ATTRIBUTES);
        JsonNode events = node.get("events");
        span.check(events == null || events.isNull() || (events.isArray() && events.size() <= MAX_SENT_EVENTS), "events",
                "must be an array of at most " + MAX_SENT_EVENTS + " events");
        for (FieldError error : span.errors()) {
            payload.check(false, at + error.field(), error.reason());
        }
    }

    private static void oneOf(Payload span, JsonNode node, String field, List<String> allowed) {
        JsonNode value = node.get(field);
        span.check(value == null || value.isNull() || (value.isTextual() && allowed.contains(value.textValue())), field,
                "must be one of " + allowed);
    }

    /** Nanoseconds since the epoch: a whole number of at least 0, as a number or a decimal string (OTLP JSON's int64). */
    private static void nanos(Payload span, JsonNode node, String field) {
        JsonNode value = node.get(field);
        span.check(value == null || value.isNull() || SpanAttributes.asLong(value) >= 0, field,
                "must be a whole number of nanoseconds of at least 0");
    }
}
