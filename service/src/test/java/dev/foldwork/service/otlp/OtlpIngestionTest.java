package dev.foldwork.service.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import dev.foldwork.core.json.Json;
import dev.foldwork.service.ApiClient;
import dev.foldwork.service.Spans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /v1/traces} end to end in the memory mode: the real OpenTelemetry SDK exports over
 * OTLP/HTTP protobuf and the trace summary shows what its GenAI attributes said; a hand-written
 * OTLP/JSON body; gzip; 400 for what does not decode and 413 past the limits, each with a
 * {@code google.rpc.Status} in the request's encoding as OTLP says; partial success naming the
 * spans refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.max-body-bytes=262144",
    "foldwork.otlp-max-decoded-bytes=1048576",
})
class OtlpIngestionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void theRealSdkExportsAndTheSummaryShowsTheMappedFields() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + port + "/v1/traces")
                .addHeader("Authorization", "Bearer " + Spans.KEY_A)
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop-bot"))))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        Tracer tracer = provider.get("otlp-test");
        Span root = tracer.spanBuilder("support.reply").setSpanKind(SpanKind.SERVER).startSpan();
        String traceId = root.getSpanContext().getTraceId();
        root.setAttribute("langwatch.user.id", "user-42").setAttribute("langwatch.thread.id", "thread-7")
                .setAttribute("langwatch.customer.id", "acme").setAttribute("input.value", "where is my parcel?")
                .setAttribute("output.value", "it ships tomorrow")
                .setAttribute(AttributeKey.stringArrayKey("langwatch.labels"), List.of("prod", "vip"));
        try (Scope ignored = root.makeCurrent()) {
            Span call = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).startSpan();
            call.setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.provider.name", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-4o").setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06")
                    .setAttribute("gen_ai.usage.input_tokens", 1_000L).setAttribute("gen_ai.usage.output_tokens", 200L)
                    .setAttribute("gen_ai.usage.cache_read.input_tokens", 400L)
                    .setAttribute("gen_ai.usage.reasoning_tokens", 50L);
            call.addEvent("first_token");
            call.end();
            Span tool = tracer.spanBuilder("tool.lookup").startSpan();
            tool.recordException(new IllegalStateException("carrier API down"));
            tool.setStatus(StatusCode.ERROR);
            tool.end();
        }
        root.end();
        CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(flushed.isSuccess()).as("the SDK's export succeeded").isTrue();

        JsonNode summary = summaryWhen(traceId, s -> s.path("spanCount").asLong() == 3);
        assertThat(summary.path("name").asText()).isEqualTo("support.reply");
        assertThat(summary.path("inputTokens").asLong()).isEqualTo(1_000);
        assertThat(summary.path("outputTokens").asLong()).isEqualTo(200);
        assertThat(summary.path("cachedInputTokens").asLong()).isEqualTo(400);
        assertThat(summary.path("reasoningTokens").asLong()).isEqualTo(50);
        assertThat(summary.path("totalCost").asDouble()).isEqualTo((600 * 2.5 + 400 * 1.25 + 200 * 10.0) / 1e6);
        assertThat(summary.path("models")).extracting(JsonNode::asText).containsExactly("gpt-4o-2024-08-06");
        assertThat(summary.path("userId").asText()).isEqualTo("user-42");
        assertThat(summary.path("threadId").asText()).isEqualTo("thread-7");
        assertThat(summary.path("customerId").asText()).isEqualTo("acme");
        assertThat(summary.path("labels")).extracting(JsonNode::asText).containsExactly("prod", "vip");
        assertThat(summary.path("input").asText()).isEqualTo("where is my parcel?");
        assertThat(summary.path("output").asText()).isEqualTo("it ships tomorrow");
        assertThat(summary.path("sdkName").asText()).isEqualTo("opentelemetry");
        assertThat(summary.path("sdkVersion").asText()).isNotEmpty();
        assertThat(summary.path("timeToFirstTokenMs").isNumber()).as(summary.toString()).isTrue();
        assertThat(summary.path("status").asText()).isEqualTo("ERROR");
        assertThat(summary.path("errorMessage").asText()).contains("carrier API down");
    }

    @Test
    void aHandWrittenOtlpJsonBodyIsReadAndAnsweredInJson() throws Exception {
        String traceId = hexId(16);
        // As the OTLP/JSON mapping says: hex ids, lowerCamelCase, int64 as strings, enums as ints.
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[
                   {"key":"telemetry.sdk.name","value":{"stringValue":"langwatch-python"}},
                   {"key":"telemetry.sdk.version","value":{"stringValue":"0.9.1"}}]},
                 "scopeSpans":[{"scope":{"name":"handwritten"},"spans":[
                  {"traceId":"%1$s","spanId":"1111111111111111","name":"rag.query","kind":2,
                   "startTimeUnixNano":"1794268800000000000","endTimeUnixNano":"1794268802000000000",
                   "attributes":[{"key":"user.id","value":{"stringValue":"u-json"}},
                                 {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"json"}]}}}],
                   "status":{}},
                  {"traceId":"%1$s","spanId":"2222222222222222","parentSpanId":"1111111111111111","name":"llm","kind":3,
                   "startTimeUnixNano":1794268800100000000,"endTimeUnixNano":"1794268801100000000",
                   "attributes":[{"key":"gen_ai.system","value":{"stringValue":"anthropic"}},
                                 {"key":"gen_ai.request.model","value":{"stringValue":"claude-sonnet-4-5-20250929"}},
                                 {"key":"gen_ai.usage.input_tokens","value":{"intValue":"300"}},
                                 {"key":"gen_ai.usage.output_tokens","value":{"intValue":100}},
                                 {"key":"gen_ai.server.time_to_first_token","value":{"doubleValue":0.35}}],
                   "status":{"code":2,"message":"overloaded"}}]}]}]}
                """.formatted(traceId);
        HttpResponse<byte[]> response = post("application/json", null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(Json.parse(new String(response.body(), StandardCharsets.UTF_8)).has("partialSuccess")).isFalse();

        JsonNode summary = summaryWhen(traceId, s -> s.path("spanCount").asLong() == 2);
        assertThat(summary.path("name").asText()).isEqualTo("rag.query");
        assertThat(summary.path("durationMs").asLong()).isEqualTo(2_000);
        assertThat(summary.path("timeToFirstTokenMs").asLong()).isEqualTo(450);
        assertThat(summary.path("totalCost").asDouble()).isEqualTo((300 * 3.0 + 100 * 15.0) / 1e6);
        assertThat(summary.path("userId").asText()).isEqualTo("u-json");
        assertThat(summary.path("labels")).extracting(JsonNode::asText).containsExactly("json");
        assertThat(summary.path("sdkName").asText()).isEqualTo("langwatch-python");
        assertThat(summary.path("errorMessage").asText()).isEqualTo("overloaded");
    }

    @Test
    void aGzipBodyIsInflated() throws Exception {
        String traceId = hexId(16);
        HttpResponse<byte[]> response = post("application/x-protobuf", "gzip", gzip(request(traceId, 3).toByteArray()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        summaryWhen(traceId, s -> s.path("spanCount").asLong() == 3);
    }

    @Test
    void aBodyThatDoesNotDecodeIs400WithAStatusInTheRequestsEncoding() throws Exception {
        HttpResponse<byte[]> protobuf = post("application/x-protobuf", null, new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(protobuf.statusCode()).isEqualTo(400);
        assertThat(protobuf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-protobuf"));
        assertThat(Status.parseFrom(protobuf.body()).getMessage()).contains("malformed body", "ExportTraceServiceRequest");
        HttpResponse<byte[]> json = post("application/json", null, "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Status.Builder jsonStatus = Status.newBuilder();
        JsonFormat.parser().merge(new String(json.body(), StandardCharsets.UTF_8), jsonStatus);
        assertThat(jsonStatus.getMessage()).contains("JSON");
        HttpResponse<byte[]> badHex = post("application/json", null,
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\",\"spanId\":\"1111111111111111\"}]}]}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(badHex.statusCode()).isEqualTo(400);
        assertThat(new String(badHex.body(), StandardCharsets.UTF_8)).contains("traceId");
        assertThat(post("application/x-protobuf", "gzip", new byte[] {1, 2, 3}).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> text = post("text/plain", null, new byte[] {1});
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(Status.parseFrom(text.body()).getMessage()).contains("application/x-protobuf or application/json");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<byte[]> tooLarge = post("application/x-protobuf", null, new byte[262_145]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Status.parseFrom(tooLarge.body()).getMessage()).as("refused by the body filter, as OTLP says")
                .contains("body too large", "foldwork.max-body-bytes");
        HttpResponse<byte[]> bomb = post("application/x-protobuf", "gzip", gzip(new byte[1_048_577]));
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(Status.parseFrom(bomb.body()).getMessage()).contains("foldwork.otlp-max-decoded-bytes");
    }

    @Test
    void spansThatCannotBeKeyedAreRejectedByNameAndTheRestAccepted() throws Exception {
        String traceId = hexId(16);
        ExportTraceServiceRequest.Builder request = request(traceId, 2).toBuilder();
        ScopeSpans.Builder scope = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("short-trace-id")
                .setTraceId(ByteString.copyFrom(new byte[15])).setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("3333333333333333"))));
        scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("zero-span-id")
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId))).setSpanId(ByteString.copyFrom(new byte[8])));
        HttpResponse<byte[]> response = post("application/x-protobuf", null, request.build().toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(answer.getPartialSuccess().getErrorMessage())
                .contains("\"short-trace-id\"", "traceId must be 16 bytes", "\"zero-span-id\"", "spanId must be 8 bytes");
        summaryWhen(traceId, s -> s.path("spanCount").asLong() == 2);
    }

    @Test
    void theEndpointNeedsATenantKey() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(hexId(16), 1).toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-protobuf"));
        assertThat(Status.parseFrom(response.body()).getMessage()).contains("missing API key", "Authorization: Bearer");

        HttpResponse<byte[]> json = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer not-a-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.statusCode()).isEqualTo(401);
        Status.Builder jsonStatus = Status.newBuilder();
        JsonFormat.parser().merge(new String(json.body(), StandardCharsets.UTF_8), jsonStatus);
        assertThat(jsonStatus.getMessage()).contains("unknown API key");

        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/pipelines/trace/aggregates"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).as("the rest of the API keeps problem+json")
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    /** A request of {@code spans} spans of one trace: a root and children, an LLM call each. */
    private static ExportTraceServiceRequest request(String traceId, int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        long start = 1_794_268_800_000_000_000L;
        for (int i = 0; i < spans; i++) {
            var span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
                    .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", i + 1))))
                    .setName(i == 0 ? "agent.run" : "chat")
                    .setStartTimeUnixNano(start + i * 1_000_000L).setEndTimeUnixNano(start + (i + 10) * 1_000_000L)
                    .addAttributes(attribute("gen_ai.request.model", "gpt-5-mini"))
                    .addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.input_tokens").setValue(AnyValue.newBuilder().setIntValue(10)));
            if (i > 0) {
                span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", 1))));
            }
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private HttpResponse<byte[]> post(String contentType, String contentEncoding, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + Spans.KEY_A)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode summaryWhen(String traceId, java.util.function.Predicate<JsonNode> ready) {
        String path = "/api/v1/pipelines/trace/aggregates/" + traceId + "/projections/trace_summary";
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(path, Spans.KEY_A), r -> r.status() == 200 && ready.test(r.json().path("state")))
                .json().path("state");
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        }
        return out.toByteArray();
    }

    private static String hexId(int bytes) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, bytes * 2);
    }
}
