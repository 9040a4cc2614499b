package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.RecordSpansCommand;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Traces of an LLM app as an OpenTelemetry SDK exports them ({@code record_spans}, what
 * {@code POST /v1/traces} sends): a root span with the user, thread, labels, input and output,
 * over LLM calls carrying the GenAI attributes (provider, model, tokens, a first-token event) and
 * tool calls. Spans go in batches as a batch processor flushes them, in the order they end, except
 * that a quarter of the traces are shuffled and a few spans are exported twice. Most calls carry
 * no cost, so the price table prices them; some SDKs send their own.
 */
final class OtlpTraceScripts {
    private record Model(String provider, String name, int ttftMinMs, int ttftSpreadMs) {}

    private static final List<Model> MODELS = List.of(
            new Model("openai", "gpt-5-mini", 150, 500), new Model("openai", "gpt-5", 400, 2_000),
            new Model("openai", "gpt-4o-2024-08-06", 200, 700), new Model("anthropic", "claude-sonnet-4-5-20250929", 300, 1_200),
            new Model("gcp.gemini", "gemini-2.5-flash", 100, 400));
    private static final List<String> ROOTS = List.of("agent.run", "chat.turn", "rag.query", "support.reply");
    private static final List<String> TOOLS = List.of("tool.web_search", "tool.sql_query", "tool.calendar");
    private static final List<String> LABELS = List.of("production", "beta", "vip", "mobile", "eu");
    private static final List<String[]> SDKS = List.of(new String[] {"opentelemetry", "1.68.0"},
            new String[] {"langwatch-python", "0.9.2"}, new String[] {"langwatch-typescript", "0.7.1"});
    /** 2026-11-01T00:00:00Z in ms. */
    private static final long EPOCH = 1_793_491_200_000L;
    private static final long MS = 1_000_000L;

    private final Random random;

    OtlpTraceScripts(Random random) {
        this.random = random;
    }

    List<SampleCommand> next(TenantId tenant) {
        String traceId = hex(32);
        String[] sdk = SDKS.get(random.nextInt(SDKS.size()));
        ObjectNode resource = Json.object().put("service.name", "shop-assistant")
                .put("telemetry.sdk.name", sdk[0]).put("telemetry.sdk.version", sdk[1]);
        long start = EPOCH + (long) random.nextInt(25 * 24 * 3600) * 1000;
        String rootId = hex(16);
        List<ObjectNode> spans = new ArrayList<>();
        long cursor = start + 5 + random.nextInt(20);
        int children = 1 + random.nextInt(6);
        for (int i = 0; i < children; i++) {
            ObjectNode span = random.nextInt(10) < 7 ? call(rootId, cursor) : tool(rootId, cursor);
            span.set("resource", resource);
            spans.add(span);
            cursor = span.get("endTimeUnixNano").asLong() / MS + random.nextInt(15);
        }
        ObjectNode root = span(rootId, null, ROOTS.get(random.nextInt(ROOTS.size())), "server", start, cursor + 3);
        ArrayNode labels = Json.mapper().createArrayNode();
        LABELS.stream().filter(l -> random.nextInt(3) == 0).forEach(labels::add);
        attributes(root).put("langwatch.user.id", "user-" + random.nextInt(40))
                .put("langwatch.thread.id", "thread-" + random.nextInt(400))
                .put("langwatch.customer.id", "customer-" + random.nextInt(8))
                .put("input.value", "Question " + random.nextInt(10_000) + ": where is my order?")
                .put("output.value", "Your order ships in " + (1 + random.nextInt(5)) + " days.")
                .set("langwatch.labels", labels);
        root.set("resource", resource);
        spans.add(root);

        spans.sort(Comparator.comparingLong(s -> s.get("endTimeUnixNano").asLong()));
        if (random.nextInt(4) == 0) {
            Collections.shuffle(spans, random);
        }
        List<SampleCommand> script = new ArrayList<>();
        for (int from = 0; from < spans.size(); ) {
            int size = 1 + random.nextInt(3);
            List<ObjectNode> batch = new ArrayList<>(spans.subList(from, Math.min(spans.size(), from + size)));
            if (from > 0 && random.nextInt(100) < 5) {
                batch.add(spans.get(from - 1).deepCopy()); // an export retried after a timeout
            }
            script.add(command(tenant, traceId, batch));
            from += size;
        }
        if (random.nextInt(100) < 3) {
            script.add(command(tenant, traceId, List.of(spans.get(0).deepCopy().put("spanId", "not-hex"))));
        }
        return script;
    }

    private ObjectNode call(String parentId, long start) {
        Model model = MODELS.get(random.nextInt(MODELS.size()));
        int ttft = model.ttftMinMs() + random.nextInt(model.ttftSpreadMs());
        long end = start + ttft + 200 + random.nextInt(5_000);
        ObjectNode span = span(hex(16), parentId, "chat " + model.name(), "client", start, end);
        long input = 200 + random.nextInt(4_000);
        ObjectNode attributes = attributes(span).put("gen_ai.operation.name", "chat")
                .put("gen_ai.provider.name", model.provider()).put("gen_ai.request.model", model.name())
                .put("gen_ai.usage.input_tokens", input).put("gen_ai.usage.output_tokens", 20 + random.nextInt(800));
        if (random.nextInt(3) == 0) {
            attributes.put("gen_ai.usage.cache_read.input_tokens", random.nextInt((int) input));
        }
        if (random.nextInt(10) == 0) {
            attributes.put("gen_ai.usage.cost", Math.round(input * 0.000002 * 1e6) / 1e6);
        }
        ((ArrayNode) span.get("events")).addObject().put("name", "first_token").put("timeUnixNano", (start + ttft) * MS);
        return maybeFail(span);
    }

    private ObjectNode tool(String parentId, long start) {
        return maybeFail(span(hex(16), parentId, TOOLS.get(random.nextInt(TOOLS.size())), "internal",
                start, start + 50 + random.nextInt(1_500)));
    }

    private ObjectNode maybeFail(ObjectNode span) {
        if (random.nextInt(100) < 6) {
            span.put("status", "error");
            ((ArrayNode) span.get("events")).addObject().put("name", "exception").put("timeUnixNano", span.get("endTimeUnixNano").asLong())
                    .putObject("attributes").put("exception.type", "RateLimitError").put("exception.message", "429 Too Many Requests");
        }
        return span;
    }

    private static ObjectNode span(String spanId, String parentId, String name, String kind, long startMs, long endMs) {
        ObjectNode span = Json.object().put("spanId", spanId);
        if (parentId != null) {
            span.put("parentSpanId", parentId);
        }
        span.put("name", name).put("kind", kind).put("startTimeUnixNano", startMs * MS).put("endTimeUnixNano", endMs * MS)
                .put("status", "ok");
        span.putObject("attributes");
        span.putArray("events");
        return span;
    }

    private static ObjectNode attributes(ObjectNode span) {
        return (ObjectNode) span.get("attributes");
    }

    private static SampleCommand command(TenantId tenant, String traceId, List<ObjectNode> spans) {
        ObjectNode payload = Json.object().put("traceId", traceId);
        payload.putArray("spans").addAll(spans);
        return new SampleCommand(new Command(tenant, TracePipeline.NAME, RecordSpansCommand.TYPE, payload), traceId);
    }

    private String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
