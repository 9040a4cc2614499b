package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP path in the Temporal mode, on the embedded test server (on a free port, not 7233). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=temporal", "foldwork.store=memory", "foldwork.temporal.embedded=true",
})
class HttpApiTemporalModeTest extends HttpApiContract {
    @DynamicPropertySource
    static void temporalPort(DynamicPropertyRegistry registry) {
        int port = FreePort.find();
        registry.add("foldwork.temporal.target", () -> "127.0.0.1:" + port);
    }
}
