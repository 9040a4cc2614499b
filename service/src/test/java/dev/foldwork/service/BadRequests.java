package dev.foldwork.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The table of hostile and bad requests {@link BadRequestContract} sends to each store: what each
 * sends, the status it must get and words its problem must contain. Tenant B owns the trace
 * {@link #B_TRACE}; every request here is tenant A's or anonymous, so none may store anything.
 */
final class BadRequests {
    static final String SPAN = "/api/v1/pipelines/trace/commands/record_span";
    static final String B_TRACE = "trace-of-tenant-b";

    private BadRequests() {}

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

    private static Case postBytes(String name, byte[] body, int status, String... mentions) {
        return new Case(name, api -> api.post(SPAN, Spans.KEY_A, "application/json", body), status, mentions);
    }

    /** A span whose name holds these raw bytes in the middle. */
    private static byte[] spanWithNameBytes(byte... raw) {
        return around(span("name", "\"a@@b\""), raw);
    }

    /** A span with one attribute whose key holds these raw bytes. */
    private static byte[] spanWithAttributeKeyBytes(byte... raw) {
        return around(span("attributes", "{\"k@@\":1}"), raw);
    }

    private static byte[] around(String text, byte[] raw) {
        String[] halves = text.split("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
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
                // A late result is folded, not refused (issue 15); a result of a run never started has no rows to belong to.
                new Case("result of an experiment run never started",
                        api -> api.command(Spans.KEY_A, "experiment_run", "record_target_result",
                                "{\"runId\":\"r-never\",\"row\":0,\"targetId\":\"v1\",\"durationMs\":1}"),
                        409, "r-never", "never started"),
                new Case("evaluation score out of range",
                        api -> api.command(Spans.KEY_A, "evaluation", "complete", "{\"evaluationId\":\"ev-1\",\"score\":7,\"passed\":true}"),
                        400, "score", "at most 1"),
                // Bypasses of the key check and the operator paths.
                new Case("GET with ;params and no key", api -> api.get("/api;x=1/v1/pipelines/trace/aggregates/" + B_TRACE + "/events", null),
                        401, "missing API key"),
                new Case("POST percent-escaped path and no key", api -> api.post("/%61pi/v1/pipelines/trace/commands/record_span", null,
                        "application/json", Spans.span("t-1", "s-1", 1, 2)), 401, "missing API key"),
                new Case("dot segments out of health", api -> api.get("/actuator/health/../../api/v1/pipelines/trace/aggregates/"
                        + B_TRACE + "/events", null), 401, "missing API key"),
                new Case("two X-Api-Key headers", api -> api.request("GET", "/api/v1/pipelines/trace/aggregates/" + B_TRACE + "/events", null,
                        "X-Api-Key", Spans.KEY_A, "X-Api-Key", Spans.KEY_B), 400, "one credential"),
                new Case("Basic instead of Bearer", api -> api.request("POST", SPAN, Spans.span("t-1", "s-1", 1, 2),
                        "Content-Type", "application/json", "Authorization", "Basic a2V5LWE6"), 401, "missing API key"),
                new Case("empty Bearer", api -> api.request("POST", SPAN, Spans.span("t-1", "s-1", 1, 2),
                        "Content-Type", "application/json", "Authorization", "Bearer "), 401, "missing API key"),
                new Case("tenant key on an admin path", api -> api.get("/api/v1/admin/parked", Spans.KEY_A), 403, "admin key"),
                new Case("tenant key on the metrics endpoint", api -> api.get("/actuator/metrics", Spans.KEY_A), 403, "admin key"),
                new Case("admin key on a tenant path", api -> api.command(Spans.ADMIN_KEY, "trace", "record_span",
                        Spans.span("t-1", "s-1", 1, 2)), 403, "no tenant"),
                new Case("unknown path without a key", api -> api.get("/internal/config", null), 401, "missing API key"),
                // Methods and media types.
                new Case("GET on a command", api -> api.get(SPAN, Spans.KEY_A), 405, "GET"),
                new Case("DELETE on a command", api -> api.request("DELETE", SPAN, null, "X-Api-Key", Spans.KEY_A), 405, "DELETE"),
                new Case("PUT on a command", api -> api.request("PUT", SPAN, Spans.span("t-1", "s-1", 1, 2),
                        "Content-Type", "application/json", "X-Api-Key", Spans.KEY_A), 405, "PUT"),
                new Case("Content-Type foo", api -> api.post(SPAN, Spans.KEY_A, "foo", Spans.span("t-1", "s-1", 1, 2)), 415, "foo"),
                new Case("unterminated charset", api -> api.post(SPAN, Spans.KEY_A, "application/json; charset=\"",
                        Spans.span("t-1", "s-1", 1, 2)), 415, "application/json"),
                new Case("XML body", api -> api.post(SPAN, Spans.KEY_A, "application/xml", "<span/>"), 415, "application/xml"),
                new Case("form body", api -> api.post(SPAN, Spans.KEY_A, "application/x-www-form-urlencoded", "traceId=t-1"), 415,
                        "application/json"),
                new Case("encoded slash in the path", api -> api.get("/api/v1/pipelines/trace%2Fx/aggregates/a/events", Spans.KEY_A),
                        400, "before it reached the API"),
                // Hostile text.
                postBytes("CESU-8 bytes in an attribute key", spanWithAttributeKeyBytes((byte) 0xED, (byte) 0xB0, (byte) 0x80), 400,
                        "attributes", "valid Unicode"),
                postBytes("four-byte overlong sequence", spanWithNameBytes((byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF), 400,
                        "name", "valid Unicode"),
                postBytes("invalid byte FF", spanWithNameBytes((byte) 0xFF), 400, "name", "valid Unicode"),
                postBytes("invalid bytes outside a string", (Spans.span("t-1", "s-1", 1, 2) + "\u00ff").getBytes(StandardCharsets.ISO_8859_1),
                        400, "malformed JSON"),
                post("unpaired surrogate in the model", span("model", "\"gpt\\udbff\""), 400, "model", "valid Unicode"),
                post("unpaired surrogate in the SDK name", span("attributes", "{}").replace("\"attributes\":{}",
                        "\"attributes\":{},\"sdkName\":\"py\\ud800\""), 400, "sdkName"),
                post("high surrogate at the end of a string", span("name", "\"a\\ud83d\""), 400, "name", "valid Unicode"),
                post("unpaired surrogate in a trace id", span("traceId", "\"t\\ud800\""), 400, "traceId"),
                post("NUL in a trace id", span("traceId", "\"t\\u0000\""), 400, "traceId", "may hold only"),
                post("right-to-left override in a trace id", span("traceId", "\"t\\u202e1\""), 400, "traceId", "may hold only"),
                post("duplicate key inside attributes", span("attributes", "{\"k\":1,\"k\":2}"), 400, "Duplicate field 'k'"),
                // JSON syntax and number limits.
                post("trailing comma", Spans.span("t-1", "s-1", 1, 2).replaceFirst("}$", ",}"), 400, "malformed JSON"),
                post("comment in JSON", "/* x */" + Spans.span("t-1", "s-1", 1, 2), 400, "malformed JSON"),
                post("single quotes", "{'traceId':'t-1'}", 400, "malformed JSON"),
                post("NaN literal", span("cost", "NaN"), 400, "malformed JSON"),
                post("JSON null body", "null", 400, "must be a JSON object"),
                post("JSON string body", "\"span\"", 400, "must be a JSON object"),
                post("nesting 2,000 deep", span("attributes", "[".repeat(2_000) + "]".repeat(2_000)), 400, "malformed JSON"),
                post("a 2,000-digit number", span("inputTokens", "9".repeat(2_000)), 400, "malformed JSON"),
                post("inputTokens past 2^63", span("inputTokens", "9223372036854775808"), 400, "inputTokens", "whole number"),
                post("inputTokens at 2^63-1", span("inputTokens", "9223372036854775807"), 400, "inputTokens", "at most"),
                post("cost 1.7e308", span("cost", "1.7e308"), 400, "cost", "at most"),
                post("cost past the double range", span("cost", "1e309"), 400, "cost", "finite"),
                post("startTimeMs past the year 9999", span("startTimeMs", "253402300800000"), 400, "startTimeMs", "at most"),
                post("SDK name with the key separator", span("attributes", "{}").replace("\"attributes\":{}",
                        "\"attributes\":{},\"sdkName\":\"x@y\",\"sdkVersion\":\"z\""), 400, "sdkName", "must not hold @"),
                new Case("experiment cost 1.7e308", api -> api.command(Spans.KEY_A, "experiment_run", "record_target_result",
                        "{\"runId\":\"r-1\",\"row\":0,\"targetId\":\"v1\",\"cost\":1.7e308,\"durationMs\":1}"), 400, "cost", "at most"),
                new Case("aggregate id of 129 characters", api -> api.get("/api/v1/pipelines/trace/aggregates/" + "a".repeat(129) + "/events",
                        Spans.KEY_A), 400, "aggregateId", "at most 128"),
                new Case("injection in a global key", api -> api.get("/api/v1/global/billing_meter/x'%20OR%20'1", Spans.KEY_A), 400,
                        "key", "may hold only"),
                new Case("another tenant's global projection", api -> api.get("/api/v1/global/sdk_usage/python-sdk@1.4.0", Spans.KEY_A),
                        404, "has nothing under"))
                .map(Arguments::of);
    }
}
