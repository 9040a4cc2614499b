package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ClickHouseDatabaseTest {
    @Test
    void anUnreachableServerGivesAnErrorNamingItsUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> ClickHouseDatabase.open(ClickHouseTestDatabase.settings(url)))
                .isInstanceOf(ClickHouseStoreException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("unreachable");
    }

    @Test
    void migratesOnceHoweverOftenItIsOpened() {
        try (ClickHouseTestDatabase first = ClickHouseTestDatabase.create();
                ClickHouseDatabase again = ClickHouseDatabase.open(first.database().settings())) {
            var versions = again.queryRows("SELECT version, count() AS times FROM "
                    + again.table("schema_migrations") + " GROUP BY version ORDER BY version");

            assertThat(versions).extracting(row -> row.get("version").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            assertThat(versions).allSatisfy(row -> assertThat(row.get("times").asInt()).isEqualTo(1));
        }
    }

    @Test
    void aRefusedQueryGivesTheServersReason() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create()) {
            assertThatThrownBy(() -> test.database().queryRows("SELECT nope FROM " + test.database().table("events")))
                    .isInstanceOf(ClickHouseStoreException.class)
                    .hasMessageContaining(test.database().settings().url())
                    .hasMessageContaining("nope");
        }
    }
}
