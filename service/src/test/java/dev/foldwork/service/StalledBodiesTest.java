package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that send a request's headers and then stall its body must not starve the service:
 * with 300 of them connected (with and without a key, more than Tomcat's 200 request threads),
 * health still answers within 2 s, and each stalled request gets 408 once its deadline passes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory", "foldwork.body-read-timeout=4s",
})
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
})
class StalledBodiesTest {
    private static final int STALLED = 300;

    @LocalServerPort
    int port;

    @Test
    void stalledBodiesStarveNobodyAndEachGets408() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                String key = i % 2 == 0 ? "X-Api-Key: " + Spans.KEY_A + "\r\n" : "";
                socket.getOutputStream().write(("POST /api/v1/pipelines/trace/commands/record_span HTTP/1.1\r\nHost: x\r\n" + key
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"traceId\"").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            ApiClient api = new ApiClient("http://127.0.0.1:" + port);
            long start = System.nanoTime();
            ApiClient.Response health = api.get("/actuator/health", null);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(health.status()).isEqualTo(200);
            assertThat(took).as("health with %d stalled bodies", STALLED).isLessThan(Duration.ofSeconds(2));

            for (Socket socket : List.of(stalled.get(0), stalled.get(1))) {
                socket.setSoTimeout(30_000);
                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json").contains("did not arrive within");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A body that arrives in pieces: the part that came with the headers is kept, the rest is read as it comes. */
    @Test
    void aBodySentInPiecesIsReadWhole() throws Exception {
        byte[] body = Spans.span("pieces-1", "s-1", 1, 2).getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/pipelines/trace/commands/record_span HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Spans.KEY_A
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            Thread.sleep(300); // the stimulus: the service reads the first half before the rest is sent
            out.write(body, half, body.length - half);
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 202").contains("\"aggregateIds\":[\"pieces-1\"]");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
