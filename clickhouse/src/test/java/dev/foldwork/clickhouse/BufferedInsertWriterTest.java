package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batching of the ClickHouse stores, seen through the event store. */
class BufferedInsertWriterTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final AggregateType ACCOUNT = AggregateType.of("account");

    private static List<Event> events(String aggregateId, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Event(aggregateId + "-" + i, TENANT, ACCOUNT, aggregateId, i + 1, i, "EntryRecorded", 1,
                        Json.object().put("i", i)))
                .toList();
    }

    @Test
    void concurrentAppendsAllArriveAndEachReturnsOnceStored() throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(8);
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(
                        s -> s.withBatching(500, Duration.ofMillis(50), Duration.ofSeconds(30)));
                ClickHouseEventStore store = new ClickHouseEventStore(test.database())) {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                String aggregateId = "a" + p;
                done.add(producers.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        List<Event> batch = events(aggregateId, 100).subList(round * 5, round * 5 + 5);
                        store.append(TENANT, batch);
                        // Synchronous: what append acknowledged is readable at once.
                        assertThat(store.read(TENANT, ACCOUNT, aggregateId)).hasSize(round * 5 + 5);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            for (int p = 0; p < 8; p++) {
                assertThat(store.read(TENANT, ACCOUNT, "a" + p)).containsExactlyElementsOf(events("a" + p, 100));
            }
        } finally {
            producers.shutdownNow();
        }
    }

    @Test
    void aFullBatchGoesOutWithoutWaitingForTheInterval() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(
                        s -> s.withBatching(10, Duration.ofMinutes(5), Duration.ofMinutes(5)));
                ClickHouseEventStore store = new ClickHouseEventStore(test.database())) {
            assertTimeout(Duration.ofSeconds(20), () -> store.append(TENANT, events("full", 10)));

            assertThat(store.read(TENANT, ACCOUNT, "full")).hasSize(10);
        }
    }

    @Test
    void rowsStillWaitingWhenMaxWaitPassesAreWithdrawnAndNeverWritten() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create(
                s -> s.withBatching(1_000, Duration.ofMinutes(5), Duration.ofMillis(300)))) {
            ClickHouseEventStore store = new ClickHouseEventStore(test.database());

            assertThatThrownBy(() -> store.append(TENANT, events("late", 3)))
                    .isInstanceOf(ClickHouseStoreException.class)
                    .hasMessageContaining("not written within PT0.3S")
                    .hasMessageContaining(test.database().settings().url());
            store.close(); // sends whatever still waits: the withdrawn rows must not be among it

            try (ClickHouseEventStore reader = new ClickHouseEventStore(test.database())) {
                assertThat(reader.read(TENANT, ACCOUNT, "late")).isEmpty();
            }
        }
    }
}
