package dev.foldwork.redis.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.testing.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the writer keeps in Redis, measured with MEMORY USAGE: one counter per stream written within
 * the counter TTL (default a day), and one record per write in flight (for the milliseconds between
 * the script and the append). The budgets bound Redis memory: a million streams written a day hold
 * about 140 to 180 MB of counters; a write in flight costs its events' JSON plus about 250 bytes.
 */
class WriterMemoryBudgetTest {
    // Measured with a 36-character aggregate id, TTL and epoch included: 152 when this test runs
    // alone, 184 after the rest of the redis module's tests on the same Redis (same key, value and
    // encoding; MEMORY USAGE reports the allocator's size, which depends on what came before).
    private static final int COUNTER_BUDGET_BYTES = 192;
    private static final int STALLED = 20;

    private final RedisClient client = LocalRedis.client();
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisCommands<String, String> redis = connection.sync();
    private final String queue = LocalRedis.uniqueQueue("budget");
    private final WriterKeys keys = new WriterKeys(queue);
    private final MemoryEventStore events = new MemoryEventStore();
    private final ExecutorService stalled = Executors.newFixedThreadPool(STALLED + 1);
    private final GatedEventStore paused = GatedEventStore.pausing(events);
    private final RedisWeb web = RedisWeb.start(client, queue, LedgerPipeline.registry((context, event) -> {}), paused,
            new MemoryFoldStore(), ProcessRole.WEB, RedisStreamWriterOptions.defaults());

    @AfterEach
    void stop() {
        paused.open();
        stalled.shutdownNow();
        web.close();
        LocalRedis.deleteQueue(client, queue);
        connection.close();
        client.shutdown();
    }

    @Test
    void aStreamCounterAndAWriteInFlightStayWithinTheirBudgets() {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i <= STALLED; i++) {
            String account = UUID.randomUUID().toString(); // ids as long as a typical trace id
            accounts.add(account);
            writes.add(CompletableFuture.runAsync(() -> web.service().send(Ledger.entry("tenant_a", account, 12, "a memo")), stalled));
            if (i == 0) {
                await().atMost(Duration.ofSeconds(10)).until(() -> redis.hlen(keys.pending()) == 1);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.hlen(keys.pending()) == STALLED + 1);
        long all = inFlightBytes();
        paused.open();
        writes.forEach(CompletableFuture::join);

        long counter = redis.memoryUsage(keys.counter(new StreamId(TenantId.of("tenant_a"), Ledger.ACCOUNT, accounts.get(0))));
        long perWrite = all / (STALLED + 1);
        System.out.println("MEASURED stream writer: counter_bytes=" + counter + " pending_write_bytes=" + perWrite
                + " (one ledger event, " + (STALLED + 1) + " writes in flight)");
        assertThat(counter).as("bytes per stream counter").isLessThanOrEqualTo(COUNTER_BUDGET_BYTES);
        assertThat(perWrite).as("bytes per one-event write in flight").isLessThanOrEqualTo(600);
    }

    private long inFlightBytes() {
        return redis.memoryUsage(keys.pending()) + redis.memoryUsage(keys.created()) + redis.memoryUsage(keys.due());
    }
}
