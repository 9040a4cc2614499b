package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server is killed and started again while a producer keeps appending. */
class ClickHouseRestartTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final AggregateType ACCOUNT = AggregateType.of("account");

    @Test
    void appendsFailClearlyWhileTheServerIsDownAndEveryAcknowledgedAppendSurvives(@TempDir Path dir) throws Exception {
        try (ClickHouseProcess server = ClickHouseProcess.start(dir);
                ClickHouseDatabase database = ClickHouseDatabase.open(ClickHouseTestDatabase.settings(server.url())
                        .withBatching(1_000, Duration.ofMillis(5), Duration.ofSeconds(10))
                        .withSocketTimeout(Duration.ofSeconds(5)));
                ClickHouseEventStore store = new ClickHouseEventStore(database)) {
            Producer producer = new Producer(store);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(producer::run);

            await().atMost(Duration.ofSeconds(30)).until(() -> producer.acknowledged.size() >= 5);
            server.kill();
            int failuresBefore = producer.failures.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.failures.size() > failuresBefore);
            assertThatThrownBy(() -> store.read(TENANT, ACCOUNT, "a1"))
                    .isInstanceOf(ClickHouseStoreException.class)
                    .hasMessageContaining(server.url());

            server.startAgain();
            int acknowledgedBeforeRestart = producer.acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.acknowledged.size() >= acknowledgedBeforeRestart + 5);
            producer.stop.set(true);
            producing.get();

            assertThat(producer.failures).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                    .isInstanceOf(ClickHouseStoreException.class)
                    .hasMessageContaining(server.url()));
            List<String> stored = store.read(TENANT, ACCOUNT, "a1").stream().map(Event::id).toList();
            List<String> acknowledged = producer.acknowledged.stream().flatMap(batch -> batch.stream().map(Event::id)).toList();
            assertThat(stored).containsAll(acknowledged);
        }
    }

    /** Appends batches of 20 events one after another, noting which were acknowledged and which failed. */
    private static final class Producer {
        final ClickHouseEventStore store;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<List<Event>> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());

        Producer(ClickHouseEventStore store) {
            this.store = store;
        }

        void run() {
            for (int round = 0; !stop.get(); round++) {
                int first = round * 20;
                List<Event> batch = IntStream.range(first, first + 20)
                        .mapToObj(i -> new Event(String.format("e%08d", i), TENANT, ACCOUNT, "a1", i + 1, i, "EntryRecorded", 1,
                                Json.object().put("i", i)))
                        .toList();
                try {
                    store.append(TENANT, batch);
                    acknowledged.add(batch);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
    }
}
