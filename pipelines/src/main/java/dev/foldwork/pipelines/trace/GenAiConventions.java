package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.SdkFields;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one OTLP-shaped span (see {@link RecordSpansCommand}) as a {@link SpanRecorded}: the
 * OpenTelemetry GenAI semantic conventions, older names SDKs still send, and the common
 * OpenInference and LangWatch attributes. Nothing here refuses: a value of the wrong shape is
 * left out and overlong text is cut, because one odd attribute must not cost a whole span.
 */
final class GenAiConventions {
    /** Labels of one span, and characters of each. */
    static final int MAX_LABELS = 16;
    static final int MAX_LABEL = 64;
    /** Metadata values (user, thread, customer, prompt id), in characters. */
    static final int MAX_METADATA = 256;
    /**
     * Operations whose spans report the usage of the calls under them, not calls of their own. The
     * summary also tells such spans by structure, whatever their name ({@link UsageSpans}).
     */
    static final Set<String> ROLLUP_OPERATIONS = Set.of("invoke_agent", "create_agent", "agent", "chain", "workflow");
    private static final Set<String> LLM_OPERATIONS = Set.of("chat", "text_completion", "generate_content", "llm", "completion");
    private static final Set<String> FIRST_TOKEN_EVENTS = Set.of("first_token", "gen_ai.first_token", "llm.first_token",
            "gen_ai.content.first_token");

    private GenAiConventions() {}

    static SpanRecorded read(String traceId, JsonNode span, ModelPrices prices) {
        SpanAttributes a = new SpanAttributes(span.get("attributes"), span.get("resource"));
        long start = nanosToMs(span.path("startTimeUnixNano"));
        long end = nanosToMs(span.path("endTimeUnixNano"));
        String operation = lower(a.text("gen_ai.operation.name", "openinference.span.kind", "langwatch.span.type"));
        String model = a.text("gen_ai.response.model", "gen_ai.request.model", "llm.model_name").map(m -> cut(m, RecordSpanCommand.MAX_MODEL)).orElse(null);
        String provider = a.text("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system").map(p -> cut(p, MAX_METADATA)).orElse(null);
        long inputTokens = Math.min(a.count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"), Limits.MAX_TOKENS);
        long outputTokens = Math.min(a.count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"), Limits.MAX_TOKENS);
        long cached = Math.min(a.count("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
                "gen_ai.usage.cached_tokens", "llm.token_count.prompt_details.cache_read"), Limits.MAX_TOKENS);
        long reasoning = Math.min(a.count("gen_ai.usage.reasoning_tokens", "gen_ai.usage.reasoning.output_tokens",
                "llm.token_count.completion_details.reasoning"), Limits.MAX_TOKENS);

        Optional<Double> sentCost = a.decimal("gen_ai.usage.cost", "langwatch.cost", "llm.cost.total").filter(c -> c >= 0 && c <= Limits.MAX_COST);
        double cost = 0;
        String costSource = null;
        if (sentCost.isPresent()) {
            cost = sentCost.get();
            costSource = SpanRecorded.CostSource.SDK;
        } else {
            Optional<Double> priced = prices.costOf(model, inputTokens, cached, outputTokens);
            if (priced.isPresent()) {
                cost = Math.min(priced.get(), Limits.MAX_COST);
                costSource = SpanRecorded.CostSource.PRICES_PREFIX + prices.version();
            }
        }

        String input = a.text("langwatch.input", "input.value", "gen_ai.input.messages", "gen_ai.prompt")
                .or(() -> eventText(span, "gen_ai.content.prompt", "gen_ai.prompt")).map(t -> cut(t, SpanRecorded.MAX_CONTENT)).orElse(null);
        String output = a.text("langwatch.output", "output.value", "gen_ai.output.messages", "gen_ai.completion")
                .or(() -> eventText(span, "gen_ai.content.completion", "gen_ai.completion")).map(t -> cut(t, SpanRecorded.MAX_CONTENT)).orElse(null);

        SpanStatus status = SpanStatus.valueOf(span.path("status").asText("unset").toUpperCase(Locale.ROOT));
        String errorMessage = span.path("statusMessage").isTextual() && !span.path("statusMessage").asText().isEmpty()
                ? span.path("statusMessage").asText() : null;
        if (a.flag("error.has_error")) {
            status = SpanStatus.ERROR;
            errorMessage = errorMessage != null ? errorMessage : a.text("error.message").orElse(null);
        }
        Optional<String> exception = exceptionOf(span);
        if (exception.isPresent()) {
            status = SpanStatus.ERROR;
            errorMessage = errorMessage != null ? errorMessage : exception.get();
        }

        SpanKind kind = SpanKind.valueOf(span.path("kind").asText("internal").toUpperCase(Locale.ROOT));
        if (model != null || (operation != null && LLM_OPERATIONS.contains(operation))) {
            kind = SpanKind.LLM;
        }
        List<String> labels = a.list("langwatch.labels", "langwatch.tags", "tags").stream()
                .map(l -> cut(l, MAX_LABEL)).distinct().limit(MAX_LABELS).toList();
        String sdkName = sdkPart(a.text("langwatch.sdk.name", "telemetry.sdk.name").orElse(null), true);
        String sdkVersion = sdkName == null ? null : sdkPart(a.text("langwatch.sdk.version", "telemetry.sdk.version").orElse(null), false);

        String userId = metadata(a, "langwatch.user.id", "user.id", "enduser.id");
        String threadId = metadata(a, "langwatch.thread.id", "session.id", "gen_ai.conversation.id");
        String customerId = metadata(a, "langwatch.customer.id");
        String promptId = metadata(a, "langwatch.prompt.id", "langwatch.prompt.handle");
        long firstTokenAt = firstTokenAt(span, a, start);
        String parent = span.path("parentSpanId").asText("");

        return new SpanRecorded(traceId, span.path("spanId").asText(), parent.isEmpty() ? null : parent,
                cut(span.path("name").asText(""), RecordSpanCommand.MAX_NAME), kind, start, end, status,
                errorMessage == null ? null : cut(errorMessage, RecordSpanCommand.MAX_ERROR_MESSAGE), model,
                inputTokens, outputTokens, cost, rest(span.get("attributes"), a), sdkName, sdkVersion, provider, operation,
                cached, reasoning, costSource, input, output, userId, threadId, customerId, labels, promptId, firstTokenAt);
    }

    /** When the first token came: a first-token event, LangWatch's timestamps, or the server's TTFT in seconds. */
    private static long firstTokenAt(JsonNode span, SpanAttributes a, long start) {
        for (JsonNode event : span.path("events")) {
            if (FIRST_TOKEN_EVENTS.contains(event.path("name").asText())) {
                long at = nanosToMs(event.path("timeUnixNano"));
                if (at > 0) {
                    return at;
                }
            }
        }
        Optional<String> timestamps = a.text("langwatch.timestamps");
        if (timestamps.isPresent()) {
            try {
                long at = SpanAttributes.asLong(Json.parseStrict(timestamps.get().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("first_token_at"));
                if (at > 0) {
                    return at;
                }
            } catch (IllegalArgumentException e) {
                // Not JSON: the other sources may still say.
            }
        }
        Optional<Double> seconds = a.decimal("gen_ai.server.time_to_first_token");
        return seconds.filter(s -> s >= 0 && start > 0).map(s -> start + Math.round(s * 1000)).orElse(0L);
    }

    /** An {@code exception} event as "type: message". */
    private static Optional<String> exceptionOf(JsonNode span) {
        for (JsonNode event : span.path("events")) {
            if (event.path("name").asText().equals("exception")) {
                JsonNode attributes = event.path("attributes");
                String type = attributes.path("exception.type").asText("");
                String message = attributes.path("exception.message").asText("");
                String text = type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
                return Optional.of(text.isEmpty() ? "exception" : text);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> eventText(JsonNode span, String eventName, String attribute) {
        for (JsonNode event : span.path("events")) {
            if (event.path("name").asText().equals(eventName) && event.path("attributes").path(attribute).isTextual()) {
                return Optional.of(event.path("attributes").path(attribute).asText());
            }
        }
        return Optional.empty();
    }

    private static String metadata(SpanAttributes a, String... keys) {
        return a.text(keys).map(v -> cut(v, MAX_METADATA)).orElse(null);
    }

    /** SDK name and version become the SDK usage key, so they follow its rules or are left out. */
    private static String sdkPart(String value, boolean name) {
        if (value == null || value.length() > SdkFields.MAX_LENGTH || (name && value.indexOf('@') >= 0)) {
            return null;
        }
        try {
            return Ids.aggregateId("sdk", value);
        } catch (InvalidIdException e) {
            return null;
        }
    }

    /** The span's other scalar attributes, as many as a span keeps, each value cut to the bound. */
    private static JsonNode rest(JsonNode attributes, SpanAttributes a) {
        if (attributes == null || !attributes.isObject()) {
            return null;
        }
        ObjectNode kept = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext() && kept.size() < RecordSpanCommand.MAX_ATTRIBUTES; ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (a.wasRead(e.getKey()) || e.getKey().isEmpty() || e.getKey().length() > RecordSpanCommand.MAX_ATTRIBUTE_KEY || !v.isValueNode() || v.isNull()) {
                continue;
            }
            if (v.isTextual()) {
                kept.put(e.getKey(), cut(v.textValue(), RecordSpanCommand.MAX_ATTRIBUTE_VALUE));
            } else {
                kept.set(e.getKey(), v);
            }
        }
        return kept.isEmpty() ? null : kept;
    }

    private static String lower(Optional<String> value) {
        return value.map(v -> cut(v.toLowerCase(Locale.ROOT), MAX_METADATA)).orElse(null);
    }

    static long nanosToMs(JsonNode nanos) {
        long value = SpanAttributes.asLong(nanos);
        return value <= 0 ? 0 : Math.min(value / 1_000_000, Limits.MAX_TIME_MS);
    }

    /** Cuts text to {@code max} characters without splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
