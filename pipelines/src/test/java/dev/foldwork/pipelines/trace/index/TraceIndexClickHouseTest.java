package dev.foldwork.pipelines.trace.index;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseSettings;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The trace index contract on ClickHouse (FOLDWORK_CLICKHOUSE_URL, which scripts/test sets), in a
 * database of its own dropped afterwards. The other writer is a second index on the same table,
 * so a late older row really reaches the table.
 */
class TraceIndexClickHouseTest extends TraceIndexContract {
    private final ClickHouseDatabase database = ClickHouseDatabase.open(settings());
    private final ClickHouseTraceIndex index = new ClickHouseTraceIndex(database);
    private final ClickHouseTraceIndex otherWriter = new ClickHouseTraceIndex(database);

    static ClickHouseSettings settings() {
        String url = System.getenv("FOLDWORK_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no ClickHouse for the tests: set FOLDWORK_CLICKHOUSE_URL (scripts/test does)");
        }
        return ClickHouseSettings.of(url)
                .withDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withCompressResponses(false)
                .withBatching(1_000, Duration.ofMillis(5), Duration.ofSeconds(30));
    }

    @Override
    TraceIndex index() {
        return index;
    }

    @Override
    TraceIndex otherWriter() {
        return otherWriter;
    }

    @AfterEach
    void drop() {
        index.close();
        otherWriter.close();
        try {
            database.dropDatabase();
        } finally {
            database.close();
        }
    }
}
