package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One write that ClickHouse refuses (an escaped unpaired surrogate, which 18.16 rejects with
 * CANNOT_PARSE_ESCAPE_SEQUENCE) fails only itself: the other writes of its batch are stored.
 */
class BufferedInsertWriterRejectionTest {
    private static final int GOOD_WRITES = 5;

    private static byte[] row(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedWriteFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        // The batch goes out only once all six writes wait in it (or after a minute).
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(
                s -> s.withBatching(GOOD_WRITES + 1, Duration.ofMinutes(1), Duration.ofMinutes(2)))) {
            ClickHouseDatabase database = test.database();
            database.execute("CREATE TABLE " + database.table("probe") + " (s String, n Int64) ENGINE = Memory");
            ExecutorService writers = Executors.newFixedThreadPool(GOOD_WRITES + 1);
            try (BufferedInsertWriter writer = new BufferedInsertWriter(database, "probe")) {
                List<CompletableFuture<Void>> good = new ArrayList<>();
                for (int i = 0; i < GOOD_WRITES; i++) {
                    byte[] rows = row("{\"s\":\"ok\",\"n\":" + i + "}");
                    good.add(CompletableFuture.runAsync(() -> writer.write(rows, 1), writers));
                }
                CompletableFuture<Void> bad = CompletableFuture.runAsync(
                        () -> writer.write(row("{\"s\":\"a\\ud800b\",\"n\":99}"), 1), writers);

                CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
                assertThatThrownBy(() -> bad.get(90, TimeUnit.SECONDS)).hasCauseInstanceOf(ClickHouseRejectedException.class)
                        .hasMessageContaining("surrogate");
            } finally {
                writers.shutdownNow();
            }
            assertThat(database.queryRows("SELECT n FROM " + database.table("probe") + " ORDER BY n"))
                    .extracting(r -> r.path("n").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }
}
