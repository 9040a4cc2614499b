package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Every error body is problem+json, also for what Tomcat refuses before the application runs and
 * for {@code /error}; an unparseable Content-Type is 415, not 500; and a success is labelled
 * application/json even when the client asks for problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
})
class ProblemJsonEverywhereTest {
    private static final String SPAN = "/api/v1/pipelines/trace/commands/record_span";

    @LocalServerPort
    int port;

    private static String command(String contentTypeHeader) {
        String body = Spans.span("ct-1", "s-1", 1, 2);
        return "POST " + SPAN + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Spans.KEY_A + "\r\n" + contentTypeHeader
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("encoded slash", "GET /a%2fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("bad percent-escape", "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("malformed request line", "GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("malformed header", "GET /actuator/health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("no Host header", "GET /actuator/health HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("header too large", "GET /actuator/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("unknown transfer encoding", "POST " + SPAN + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n"
                        + "Connection: close\r\n\r\n", 501),
                Arguments.of("unknown method", "FOO /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
                Arguments.of("Content-Type foo", command("Content-Type: foo\r\n"), 415),
                Arguments.of("empty Content-Type", command("Content-Type: \r\n"), 415),
                Arguments.of("unterminated charset", command("Content-Type: application/json; charset=\"\r\n"), 415),
                Arguments.of("GET /error with a key", "GET /error HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Spans.KEY_A
                        + "\r\nConnection: close\r\n\r\n", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isAnsweredAsProblemJson(String name, String request, int status) {
        RawHttp.Response response = RawHttp.send(port, request);
        assertThat(response.status()).as("%s -> %s", name, response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status);
    }

    @Test
    void aSuccessIsJsonEvenWhenProblemJsonIsAccepted() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        ApiClient.Response accepted = api.request("POST", SPAN, Spans.span("ok-1", "s-1", 1, 2),
                "Content-Type", "application/json", "X-Api-Key", Spans.KEY_A, "Accept", "application/problem+json");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.contentType()).startsWith("application/json");
        ApiClient.Response events = api.request("GET", "/api/v1/pipelines/trace/aggregates/ok-1/events", null,
                "X-Api-Key", Spans.KEY_A, "Accept", "application/problem+json");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.contentType()).startsWith("application/json");
    }
}
