package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;

/** The HTTP path in the Redis mode, against the Redis that scripts/test makes sure of. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=redis", "foldwork.store=memory", "foldwork.redis.queue=starter-http-test",
})
class HttpApiRedisModeTest extends HttpApiContract {
}
