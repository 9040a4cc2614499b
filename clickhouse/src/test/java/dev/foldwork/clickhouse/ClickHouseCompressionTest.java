package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Compressed answers arrive empty from ClickHouse 18.16. Opening with compression on must still
 * give a database whose reads return what was written, and a ping must not call an empty answer
 * healthy.
 */
class ClickHouseCompressionTest {
    @Test
    void openingWithCompressionOnStillReadsBackWhatWasWritten() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(s -> s.withCompressResponses(true))) {
            ClickHouseDatabase database = test.database();
            database.execute("CREATE TABLE " + database.table("probe") + " (n Int64) ENGINE = Memory");
            database.insertJsonRows("probe", "{\"n\":7}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(database.queryRows("SELECT n FROM " + database.table("probe")))
                    .extracting(row -> row.path("n").asLong()).containsExactly(7L);
            assertThatCode(database::ping).doesNotThrowAnyException();
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
