package dev.foldwork.clickhouse;

import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A database of its own on the ClickHouse that scripts/test started (its URL in
 * FOLDWORK_CLICKHOUSE_URL or the system property foldwork.clickhouse.url), dropped on close.
 * Without a reachable server the tests fail here, naming what is missing; they never skip.
 */
final class ClickHouseTestDatabase implements AutoCloseable {
    private final ClickHouseDatabase database;

    private ClickHouseTestDatabase(ClickHouseDatabase database) {
        this.database = database;
    }

    static ClickHouseTestDatabase create() {
        return create(settings -> settings);
    }

    static ClickHouseTestDatabase create(UnaryOperator<ClickHouseSettings> adjust) {
        return new ClickHouseTestDatabase(ClickHouseDatabase.open(adjust.apply(settings(url()))));
    }

    /** Test settings: responses uncompressed (ClickHouse 18.16 needs it), quick flushes. */
    static ClickHouseSettings settings(String url) {
        return ClickHouseSettings.of(url)
                .withDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withCompressResponses(false)
                .withBatching(1_000, Duration.ofMillis(5), Duration.ofSeconds(30));
    }

    static String url() {
        String url = System.getProperty("foldwork.clickhouse.url", System.getenv("FOLDWORK_CLICKHOUSE_URL"));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no ClickHouse for the tests: FOLDWORK_CLICKHOUSE_URL is not set. Run them through"
                    + " scripts/test, which starts ClickHouse, or set FOLDWORK_CLICKHOUSE_URL=http://127.0.0.1:8123 for a"
                    + " running server");
        }
        return url;
    }

    ClickHouseDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            database.dropDatabase();
        } finally {
            database.close();
        }
    }

}
