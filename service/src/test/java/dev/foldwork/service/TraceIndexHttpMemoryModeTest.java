package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;

/** The trace list over HTTP with the memory store's index. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
class TraceIndexHttpMemoryModeTest extends TraceIndexHttpContract {
}
