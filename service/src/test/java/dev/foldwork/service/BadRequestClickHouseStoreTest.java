package dev.foldwork.service;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The table of bad requests against the ClickHouse stores (FOLDWORK_CLICKHOUSE_URL from
 * scripts/test), in a database of its own so "nothing stored" sees only this run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=clickhouse", "foldwork.clickhouse.flush-interval=20ms",
})
class BadRequestClickHouseStoreTest extends BadRequestContract {
    @Autowired
    ClickHouseDatabase database;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        String name = "starter_bad_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("foldwork.clickhouse.database", () -> name);
    }

    @AfterAll
    void dropIt() {
        database.dropDatabase();
    }
}
