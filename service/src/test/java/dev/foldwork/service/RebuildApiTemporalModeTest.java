package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rebuilds over HTTP in the Temporal mode, where a fold's state lives in its workflow: a workflow
 * whose store lost to the rebuild's generation loads the rebuilt state and goes on from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=temporal", "foldwork.store=memory", "foldwork.temporal.embedded=true",
})
class RebuildApiTemporalModeTest extends RebuildOverHttpContract {
    @DynamicPropertySource
    static void temporalPort(DynamicPropertyRegistry registry) {
        int port = FreePort.find();
        registry.add("foldwork.temporal.target", () -> "127.0.0.1:" + port);
    }
}
