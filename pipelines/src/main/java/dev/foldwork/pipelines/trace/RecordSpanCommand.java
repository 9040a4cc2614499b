package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.SdkFields;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Command {@code record_span}: one OpenTelemetry-like span. Spans may arrive in any order and
 * more than once; the trace summary copes, so this handler reads no history. For the same reason
 * it cannot tell a span sent again from a new one, so billing counts each copy (BillingMeterFold).
 */
public final class RecordSpanCommand implements CommandHandler {
    public static final String TYPE = "record_span";
    /** OpenTelemetry trace ids are 32 hex digits; the bound leaves room for derived ids. */
    public static final int MAX_TRACE_ID = 64;
    public static final int MAX_NAME = 256;
    public static final int MAX_ERROR_MESSAGE = 4096;
    public static final int MAX_MODEL = 128;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_ATTRIBUTE_KEY = 128;
    public static final int MAX_ATTRIBUTE_VALUE = 1024;

    /** Spans are ingestion: no command of the trace pipeline decides on them. */
    @Override
    public boolean acceptsBeforeStoring() {
        return true;
    }

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String traceId = payload.requiredId("traceId");
        payload.check(traceId.length() <= MAX_TRACE_ID, "traceId", "must be at most " + MAX_TRACE_ID + " characters");
        String spanId = payload.requiredId("spanId");
        String parentSpanId = payload.optionalId("parentSpanId").orElse(null);
        payload.check(parentSpanId == null || !parentSpanId.equals(spanId), "parentSpanId", "must differ from spanId");
        String name = payload.requiredString("name", MAX_NAME);
        SpanKind kind = payload.requiredEnum("kind", SpanKind.class, SpanKind.INTERNAL);
        long start = payload.requiredLong("startTimeMs", 0);
        long end = payload.requiredLong("endTimeMs", 0);
        payload.check(end >= start, "endTimeMs", "must not be before startTimeMs (" + end + " < " + start + ")");
        SpanStatus status = payload.optionalEnum("status", SpanStatus.class).orElse(SpanStatus.UNSET);
        String errorMessage = payload.optionalString("errorMessage", MAX_ERROR_MESSAGE).orElse(null);
        String model = payload.optionalString("model", MAX_MODEL).orElse(null);
        long inputTokens = payload.optionalLong("inputTokens", 0, 0);
        long outputTokens = payload.optionalLong("outputTokens", 0, 0);
        double cost = payload.optionalDouble("cost", 0, 0);
        Limits.atMost(payload, "startTimeMs", start, Limits.MAX_TIME_MS);
        Limits.atMost(payload, "endTimeMs", end, Limits.MAX_TIME_MS);
        Limits.atMost(payload, "inputTokens", inputTokens, Limits.MAX_TOKENS);
        Limits.atMost(payload, "outputTokens", outputTokens, Limits.MAX_TOKENS);
        Limits.atMost(payload, "cost", cost, Limits.MAX_COST);
        JsonNode attributes = payload.optionalObject("attributes", MAX_ATTRIBUTES);
        if (attributes != null) {
            checkAttributes(payload, attributes);
        }
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();

        SpanRecorded span = new SpanRecorded(traceId, spanId, parentSpanId, name, kind, start, end, status,
                errorMessage, model, inputTokens, outputTokens, cost, attributes, sdk.sdkName(), sdk.sdkVersion());
        return List.of(TraceEvent.CODEC.draft(traceId, span));
    }

    /** Attribute values are scalars, as in OpenTelemetry; keys and strings are bounded. */
    private static void checkAttributes(Payload payload, JsonNode attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "attributes." + truncate(entry.getKey());
            JsonNode value = entry.getValue();
            payload.check(!entry.getKey().isEmpty() && entry.getKey().length() <= MAX_ATTRIBUTE_KEY, field,
                    "key must be 1 to " + MAX_ATTRIBUTE_KEY + " characters");
            payload.check(value.isTextual() || value.isNumber() || value.isBoolean(), field,
                    "must be a string, number or boolean");
            payload.check(!value.isTextual() || value.textValue().length() <= MAX_ATTRIBUTE_VALUE, field,
                    "must be at most " + MAX_ATTRIBUTE_VALUE + " characters, was " + value.asText().length());
        }
    }

    private static String truncate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
