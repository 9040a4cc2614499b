package dev.foldwork.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.EventStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A table of bad requests: each gets its 4xx as problem+json with a message naming the problem,
 * none gets a 5xx, and afterwards nothing of them is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory", "foldwork.max-body-bytes=65536",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.api-keys[1].tenant=tenant_b",
    "foldwork.api-keys[1].sha256=a30534a53b23547377ddccbd1ac85a8a84c13db43493c16e55a6abc7b0eba634",
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestTest {
    private static final String SPAN = "/api/v1/pipelines/trace/commands/record_span";
    private static final String B_TRACE = "trace-of-tenant-b";

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    @Autowired
    PipelineRegistry registry;

    private ApiClient api;

    @BeforeAll
    void tenantBOwnsOneTrace() {
        api = new ApiClient("http://127.0.0.1:" + port);
        assertThat(api.command(Spans.KEY_B, "trace", "record_span", Spans.span(B_TRACE, "s1", 1, 2)).status()).isEqualTo(202);
    }

    /** A bad request, what it should get, and words its problem must contain. */
    record Case(String name, Function<ApiClient, ApiClient.Response> request, int status, String... mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String span(String field, String json) {
        return Spans.span("t-1", "s-1", 100, 200).replaceFirst("\"" + field + "\":(\"[^\"]*\"|[-0-9.]+|\\{[^}]*\\})", Matcher.quoteReplacement("\"" + field + "\":" + json));
    }

    private static String without(String field) {
        return Spans.span("t-1", "s-1", 100, 200).replaceFirst("\"" + field + "\":(\"[^\"]*\"|[-0-9.]+),?", "");
    }

    private static Case post(String name, String body, int status, String... mentions) {
        return new Case(name, api -> api.post(SPAN, Spans.KEY_A, "application/json", body), status, mentions);
    }

    /** A span whose name holds these raw bytes in the middle. */
    private static byte[] spanWithNameBytes(byte... raw) {
        String[] halves = span("name", "\"a@@b\"").split("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Case postBytes(String name, byte[] body, int status, String... mentions) {
        return new Case(name, api -> api.post(SPAN, Spans.KEY_A, "application/json", body), status, mentions);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                post("escaped unpaired surrogate", span("name", "\"a\\ud800b\""), 400, "name", "valid Unicode"),
                postBytes("CESU-8 surrogate bytes", spanWithNameBytes((byte) 0xED, (byte) 0xA0, (byte) 0x80), 400, "name", "valid Unicode"),
                postBytes("overlong UTF-8 slash", spanWithNameBytes((byte) 0xC0, (byte) 0xAF), 400, "name", "valid Unicode"),
                postBytes("truncated UTF-8 sequence", spanWithNameBytes((byte) 0xE6, (byte) 0x97), 400, "name", "valid Unicode"),
                post("unpaired surrogate in an attribute", span("attributes", "{\"k\":\"\\udfff\"}"), 400, "attributes.k", "valid Unicode"),
                post("unpaired surrogate in an attribute key", span("attributes", "{\"\\ud800\":\"v\"}"), 400, "attributes", "valid Unicode"),
                post("duplicate key", span("name", "\"a\",\"name\":\"b\""), 400, "Duplicate field 'name'"),
                post("trailing content after the object", Spans.span("t-1", "s-1", 100, 200) + " {}", 400, "malformed JSON"),
                post("trailing garbage after the object", Spans.span("t-1", "s-1", 100, 200) + "xyz", 400, "malformed JSON"),
                new Case("two Authorization headers", api -> api.request("POST", SPAN, Spans.span("t-1", "s-1", 1, 2),
                        "Content-Type", "application/json", "Authorization", "Bearer " + Spans.KEY_A, "Authorization", "Bearer " + Spans.KEY_B),
                        400, "one credential"),
                new Case("Authorization and X-Api-Key", api -> api.request("POST", SPAN, Spans.span("t-1", "s-1", 1, 2),
                        "Content-Type", "application/json", "Authorization", "Bearer " + Spans.KEY_A, "X-Api-Key", Spans.KEY_A),
                        400, "one credential"),
                new Case("path with ;params and no key", api -> api.post("/api;x=1/v1/pipelines/trace/commands/record_span", null,
                        "application/json", Spans.span("t-1", "s-1", 1, 2)), 401, "missing API key"),
                new Case("percent-escaped path and no key", api -> api.get("/%61pi/v1/pipelines/trace/aggregates/" + B_TRACE + "/events", null),
                        401, "missing API key"),
                new Case("GET /error without a key", api -> api.get("/error", null), 401, "missing API key"),
                post("malformed JSON", "{\"traceId\": ", 400, "malformed JSON"),
                post("JSON array instead of object", "[1, 2]", 400, "must be a JSON object"),
                post("empty body", "", 400, "empty"),
                post("missing traceId", without("traceId"), 400, "traceId", "is required"),
                post("missing spanId", without("spanId"), 400, "spanId", "is required"),
                post("missing name", without("name"), 400, "name", "is required"),
                post("traceId of the wrong type", span("traceId", "42"), 400, "traceId", "must be a string"),
                post("startTimeMs of the wrong type", span("startTimeMs", "\"yesterday\""), 400, "startTimeMs", "whole number"),
                post("cost of the wrong type", span("cost", "\"cheap\""), 400, "cost", "must be a number"),
                post("negative inputTokens", span("inputTokens", "-5"), 400, "inputTokens", "at least 0"),
                post("end before start", span("endTimeMs", "50"), 400, "endTimeMs", "must not be before"),
                post("unknown kind", span("kind", "\"sideways\""), 400, "kind", "must be one of"),
                post("unknown status", span("status", "\"meh\""), 400, "status", "must be one of"),
                post("oversized name", span("name", "\"" + "n".repeat(300) + "\""), 400, "name", "at most 256"),
                post("attributes not an object", span("attributes", "[1]"), 400, "attributes", "JSON object"),
                post("SQL injection in traceId", span("traceId", "\"a'; DROP TABLE events; --\""), 400, "traceId", "may hold only"),
                post("ClickHouse parameter in traceId", span("traceId", "\"{x:String}\""), 400, "traceId", "may hold only"),
                post("newline in spanId", span("spanId", "\"s\\n1\""), 400, "spanId", "may hold only"),
                post("body over the size limit", "{\"name\":\"" + "x".repeat(70_000) + "\"}", 413, "at most 65536"),
                new Case("text/plain body", api -> api.post(SPAN, Spans.KEY_A, "text/plain", Spans.span("t-1", "s-1", 1, 2)),
                        415, "application/json"),
                new Case("unknown pipeline", api -> api.command(Spans.KEY_A, "nope", "record_span", "{}"), 404, "no pipeline named"),
                new Case("unknown command", api -> api.command(Spans.KEY_A, "trace", "delete_everything", "{}"), 404,
                        "has no command", "record_span"),
                new Case("no API key", api -> api.command(null, "trace", "record_span", Spans.span("t-1", "s-1", 1, 2)), 401,
                        "missing API key"),
                new Case("wrong API key", api -> api.command("key-zzz", "trace", "record_span", Spans.span("t-1", "s-1", 1, 2)), 401,
                        "not valid"),
                new Case("query without a key", api -> api.get("/api/v1/pipelines/trace/aggregates/" + B_TRACE + "/events", null),
                        401, "missing API key"),
                new Case("another tenant's events", api -> api.get("/api/v1/pipelines/trace/aggregates/" + B_TRACE + "/events", Spans.KEY_A),
                        404, "has no aggregate"),
                new Case("another tenant's projection",
                        api -> api.get("/api/v1/pipelines/trace/aggregates/" + B_TRACE + "/projections/trace_summary", Spans.KEY_A),
                        404, "has no aggregate"),
                new Case("injection in a path id", api -> api.get("/api/v1/pipelines/trace/aggregates/x'%20OR%201=1/events", Spans.KEY_A),
                        400, "aggregateId", "may hold only"),
                new Case("unknown projection", api -> api.get("/api/v1/pipelines/trace/aggregates/t-1/projections/nope", Spans.KEY_A),
                        404, "no projection named"),
                new Case("unknown global projection", api -> api.get("/api/v1/global/nope/2026-01", Spans.KEY_A), 404,
                        "no global projection"),
                new Case("impossible evaluation transition",
                        api -> api.command(Spans.KEY_A, "evaluation", "complete", "{\"evaluationId\":\"ev-1\",\"score\":0.5,\"passed\":true}"),
                        409, "ev-1"),
                new Case("evaluation score out of range",
                        api -> api.command(Spans.KEY_A, "evaluation", "complete", "{\"evaluationId\":\"ev-1\",\"score\":7,\"passed\":true}"),
                        400, "score", "at most 1"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void eachBadRequestGetsItsStatusAndAMessageNamingTheProblem(Case bad) {
        ApiClient.Response response = bad.request().apply(api);
        assertThat(response.status()).as("%s -> %s", bad.name(), response.body()).isEqualTo(bad.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(bad.mentions());
    }

    @Test
    @Order(2)
    void noneOfThemStoredAnything() {
        for (Pipeline pipeline : registry.pipelines()) {
            assertThat(events.aggregateIds(TenantId.of("tenant_a"), pipeline.aggregateType())).as(pipeline.name()).isEmpty();
        }
        assertThat(events.aggregateIds(TenantId.of("tenant_b"), AggregateType.of("trace"))).containsExactly(B_TRACE);
    }

    @Test
    @Order(3)
    void theTableHasAtLeast25Rows() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(25);
    }
}
