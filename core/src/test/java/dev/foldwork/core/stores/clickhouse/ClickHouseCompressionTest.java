package dev.foldwork.core.stores.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compressed answers arrive empty from ClickHouse 18.16. Opening with compression on must still
 * give a database whose reads return what was written, and a ping must not call an empty answer
 * healthy.
 */
class ClickHouseCompressionTest {
    @Test
    void openingWithCompressionOnStillReadsBackWhatWasWritten() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(s -> s.withCompressResponses(true));
                ClickHouseEventStore store = new ClickHouseEventStore(test.database())) {
            Event event = new Event("e-1", TenantId.of("acme"), AggregateType.of("account"), "a-1", 1, "Opened", 1,
                    Json.object().put("n", 1));
            store.append(TenantId.of("acme"), List.of(event));
            assertThat(store.read(TenantId.of("acme"), AggregateType.of("account"), "a-1")).containsExactly(event);
            assertThatCode(test.database()::ping).doesNotThrowAnyException();
        }
    }

    @Test
    void aPingThatGetsAnEmptyAnswerFails() {
        String url = ClickHouseTestDatabase.url();
        String version;
        try (ClickHouseDatabase plain = new ClickHouseDatabase(ClickHouseTestDatabase.settings(url))) {
            version = plain.queryRows("SELECT version() AS v").get(0).path("v").asText();
        }
        try (ClickHouseDatabase compressed = new ClickHouseDatabase(ClickHouseTestDatabase.settings(url).withCompressResponses(true))) {
            if (version.startsWith("18.")) {
                assertThatThrownBy(compressed::ping).isInstanceOf(ClickHouseStoreException.class)
                        .hasMessageContaining(url).hasMessageContaining("compressResponses");
            } else {
                assertThatCode(compressed::ping).as("ClickHouse %s answers compressed", version).doesNotThrowAnyException();
            }
        }
    }
}
