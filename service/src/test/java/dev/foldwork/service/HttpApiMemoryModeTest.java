package dev.foldwork.service;


import org.springframework.boot.test.context.SpringBootTest;

/** The whole path over real HTTP in the memory mode: command accepted, projection readable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
class HttpApiMemoryModeTest extends HttpApiContract {
}
