package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The HTTP path with the ClickHouse stores (memory dispatch). The server comes from
 * FOLDWORK_CLICKHOUSE_URL, which scripts/test sets after starting one; without a server the
 * context fails to start, loudly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=clickhouse",
    "foldwork.clickhouse.database=starter_http_test",
    "foldwork.clickhouse.compress-responses=false",
    "foldwork.clickhouse.flush-interval=20ms",
})
class HttpApiClickHouseStoreTest extends HttpApiContract {
}
