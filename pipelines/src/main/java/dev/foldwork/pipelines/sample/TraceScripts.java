package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.RecordSpanCommand;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Traces of an LLM app. Three in four come as an OpenTelemetry SDK exports them
 * ({@link OtlpTraceScripts}); the rest in the {@code record_span} JSON, one span a command: a
 * root span (an agent run, a chat turn, a RAG query) over LLM calls, retrievals and tool calls. Spans come in the order they end, as SDKs flush them, except
 * that a quarter of the traces are shuffled and a few spans are sent twice (SDK retries).
 */
final class TraceScripts {
    private record Model(String name, double inputPricePerToken, double outputPricePerToken) {}

    private record Sdk(String name, String version) {}

    private static final List<String> ROOTS = List.of("agent.run", "chat.turn", "rag.query", "support.reply");
    private static final List<String> TOOLS = List.of("tool.web_search", "tool.sql_query", "tool.calendar", "http.get");
    private static final List<Model> MODELS = List.of(
            new Model("gpt-5-mini", 0.25e-6, 2.0e-6),
            new Model("gpt-5", 1.25e-6, 10.0e-6),
            new Model("claude-sonnet-4.5", 3.0e-6, 15.0e-6),
            new Model("gemini-2.5-flash", 0.30e-6, 2.5e-6));
    private static final List<Sdk> SDKS = List.of(
            new Sdk("foldwork-python", "0.9.2"), new Sdk("foldwork-python", "1.0.0"),
            new Sdk("foldwork-typescript", "0.7.1"), new Sdk("otel-java", "1.44.0"));
    private static final List<String> ERRORS = List.of(
            "RateLimitError: 429 Too Many Requests", "TimeoutError: upstream took longer than 30s",
            "ValidationError: tool arguments did not match the schema");
    /** 2026-11-01T00:00:00Z: span times fall in the month after it. */
    private static final long EPOCH = 1_793_491_200_000L;

    private final Random random;
    private final OtlpTraceScripts otlp;

    TraceScripts(Random random) {
        this.random = random;
        this.otlp = new OtlpTraceScripts(random);
    }

    List<SampleCommand> next(TenantId tenant) {
        if (random.nextInt(4) != 0) {
            return otlp.next(tenant);
        }
        String traceId = hex(32);
        Sdk sdk = SDKS.get(random.nextInt(SDKS.size()));
        long start = EPOCH + (long) random.nextInt(25 * 24 * 3600) * 1000;
        int children = 1 + random.nextInt(9);
        String rootId = hex(16);

        List<ObjectNode> spans = new ArrayList<>();
        long cursor = start + 5 + random.nextInt(20);
        for (int i = 0; i < children; i++) {
            ObjectNode span = child(traceId, rootId, cursor);
            spans.add(span);
            cursor = span.get("endTimeMs").asLong() + random.nextInt(15);
        }
        ObjectNode root = span(traceId, rootId, null, ROOTS.get(random.nextInt(ROOTS.size())), "server", start, cursor + 3);
        boolean anyError = spans.stream().anyMatch(s -> s.get("status").asText().equals("error"));
        root.put("status", anyError && random.nextBoolean() ? "error" : "ok");
        if (root.get("status").asText().equals("error")) {
            root.put("errorMessage", "a step of the run failed");
        }
        root.putObject("attributes").put("user.id", "user-" + random.nextInt(500)).put("env", "production");
        spans.add(root);
        spans.forEach(s -> s.put("sdkName", sdk.name()).put("sdkVersion", sdk.version()));

        spans.sort(Comparator.comparingLong(s -> s.get("endTimeMs").asLong()));
        if (random.nextInt(4) == 0) {
            Collections.shuffle(spans, random);
        }
        List<SampleCommand> script = new ArrayList<>();
        for (ObjectNode span : spans) {
            script.add(command(tenant, traceId, span));
            if (random.nextInt(100) < 4) {
                script.add(command(tenant, traceId, span.deepCopy()));
            }
        }
        if (random.nextInt(100) < 3) {
            script.add(command(tenant, traceId, invalid(spans.get(0).deepCopy())));
        }
        return script;
    }

    private ObjectNode child(String traceId, String parentId, long start) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            Model model = MODELS.get(random.nextInt(MODELS.size()));
            long input = 200 + random.nextInt(4000);
            long output = 20 + random.nextInt(800);
            ObjectNode span = span(traceId, hex(16), parentId, "llm.chat", "llm", start, start + 300 + random.nextInt(6000));
            span.put("model", model.name())
                    .put("inputTokens", input)
                    .put("outputTokens", output)
                    .put("cost", input * model.inputPricePerToken() + output * model.outputPricePerToken());
            return maybeFail(span);
        }
        if (kind < 8) {
            return span(traceId, hex(16), parentId, "retrieve.documents", "internal", start, start + 20 + random.nextInt(200));
        }
        return maybeFail(span(traceId, hex(16), parentId, TOOLS.get(random.nextInt(TOOLS.size())), "client",
                start, start + 50 + random.nextInt(1500)));
    }

    private ObjectNode maybeFail(ObjectNode span) {
        if (random.nextInt(100) < 6) {
            span.put("status", "error").put("errorMessage", ERRORS.get(random.nextInt(ERRORS.size())));
        }
        return span;
    }

    private static ObjectNode span(String traceId, String spanId, String parentId, String name, String kind, long start, long end) {
        ObjectNode span = Json.object().put("traceId", traceId).put("spanId", spanId);
        if (parentId != null) {
            span.put("parentSpanId", parentId);
        }
        return span.put("name", name).put("kind", kind).put("startTimeMs", start).put("endTimeMs", end).put("status", "ok");
    }

    /** Mistakes a real SDK integration makes: negative token counts, clocks that run backwards. */
    private ObjectNode invalid(ObjectNode span) {
        if (random.nextBoolean()) {
            return span.put("inputTokens", -1 - random.nextInt(100));
        }
        return span.put("endTimeMs", span.get("startTimeMs").asLong() - 1 - random.nextInt(1000));
    }

    private SampleCommand command(TenantId tenant, String traceId, ObjectNode span) {
        return new SampleCommand(new Command(tenant, TracePipeline.NAME, RecordSpanCommand.TYPE, span), traceId);
    }

    private String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
