package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;

/** The table of bad requests against the memory stores. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
class BadRequestMemoryStoreTest extends BadRequestContract {
}
