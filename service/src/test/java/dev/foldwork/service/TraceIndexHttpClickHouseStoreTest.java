package dev.foldwork.service;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The trace list over HTTP with the ClickHouse store's index (memory dispatch), on the server in
 * FOLDWORK_CLICKHOUSE_URL (scripts/test starts one): the summary fold and the index reactor write
 * ClickHouse, the list reads it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=clickhouse",
    "foldwork.clickhouse.database=starter_trace_index_test",
    "foldwork.clickhouse.compress-responses=false",
    "foldwork.clickhouse.flush-interval=20ms",
})
class TraceIndexHttpClickHouseStoreTest extends TraceIndexHttpContract {
}
