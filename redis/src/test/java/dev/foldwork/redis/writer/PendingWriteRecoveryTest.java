package dev.foldwork.redis.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.EventStore;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A web process that dies (or stalls) after the sequence script gave its events their seqs:
 * another process's recovery stores and dispatches them, the seqs are never given out again, and
 * the stalled process, when it resumes, stores nothing new.
 */
class PendingWriteRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TenantId TENANT = TenantId.of("tenant_a");
    private static final RedisStreamWriterOptions QUICK = new RedisStreamWriterOptions(Duration.ofHours(1),
            Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(100));
    private static final RedisStreamWriterOptions SHORT_COUNTERS = new RedisStreamWriterOptions(Duration.ofMillis(2_000),
            Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(100));

    private final RedisClient client = LocalRedis.client();
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisCommands<String, String> redis = connection.sync();
    private final String queue = LocalRedis.uniqueQueue("recovery");
    private final WriterKeys keys = new WriterKeys(queue);
    private final PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        LocalRedis.deleteQueue(client, queue);
        connection.close();
        client.shutdown();
    }

    @Test
    void aWriteWhoseWebDiedAfterTheScriptIsStoredAndDispatchedByAnotherProcess() {
        RedisWeb dead = web(GatedEventStore.dying(events), ProcessRole.WEB, QUICK);
        RedisWeb worker = web(events, ProcessRole.WORKER, QUICK);
        assertThatThrownBy(() -> dead.service().send(Ledger.entry("tenant_a", "acct-1", 40, "orphan")))
                .hasMessageContaining("died");
        assertThat(events.read(TENANT, Ledger.ACCOUNT, "acct-1")).isEmpty();
        assertThat(redis.hlen(keys.pending())).isEqualTo(1);

        opened.add(worker.writer().recovery().start());

        await().atMost(WAIT).until(() -> events.read(TENANT, Ledger.ACCOUNT, "acct-1").size() == 1);
        Event recovered = events.read(TENANT, Ledger.ACCOUNT, "acct-1").get(0);
        assertThat(recovered.seq()).isEqualTo(1);
        assertThat(recovered.data().path("memo").asText()).isEqualTo("orphan");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Ledger.balance(folds, "tenant_a", "acct-1"))
                .as("recovery dispatched it").map(LedgerPipeline.Balance::balance).contains(40L));
        await().atMost(WAIT).until(() -> redis.hlen(keys.pending()) == 0 && redis.zcard(keys.due()) == 0);

        assertThat(worker.service().send(Ledger.entry("tenant_a", "acct-1", 2, "next"))).extracting(Event::seq).containsExactly(2L);
    }

    @Test
    void aPausedWebThatResumesAfterRecoveryStoresNothingNew() {
        GatedEventStore paused = GatedEventStore.pausing(events);
        RedisWeb stalled = web(paused, ProcessRole.WEB, QUICK);
        RedisWeb worker = web(events, ProcessRole.WORKER, QUICK);
        CompletableFuture<List<Event>> late = CompletableFuture.supplyAsync(
                () -> stalled.service().send(Ledger.entry("tenant_a", "acct-2", 7, "paused")));
        await().atMost(WAIT).until(() -> redis.hlen(keys.pending()) == 1);

        opened.add(worker.writer().recovery().start());
        await().atMost(WAIT).until(() -> events.read(TENANT, Ledger.ACCOUNT, "acct-2").size() == 1);
        worker.service().send(Ledger.entry("tenant_a", "acct-2", 5, "after"));
        paused.open();

        List<Event> resumed = late.join();
        List<Event> stored = events.read(TENANT, Ledger.ACCOUNT, "acct-2");
        assertThat(stored).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(resumed).as("the resumed web stored the recovered event again, a no-op")
                .extracting(Event::id, Event::seq).containsExactly(tuple(stored.get(0).id(), 1L));
        assertThat(stored.get(1).data().path("memo").asText()).isEqualTo("after");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Ledger.balance(folds, "tenant_a", "acct-2")).contains(Ledger.fold(stored)));
    }

    @Test
    void anExpiredCounterIsSeededFromTheStore() {
        RedisWeb web = web(events, ProcessRole.WEB, SHORT_COUNTERS);
        for (int i = 0; i < 3; i++) {
            web.service().send(Ledger.entry("tenant_a", "acct-3", 1, "e" + i));
        }
        String counter = keys.counter(new StreamId(TENANT, Ledger.ACCOUNT, "acct-3"));
        await().atMost(WAIT).until(() -> redis.exists(counter) == 0);

        assertThat(web.service().send(Ledger.entry("tenant_a", "acct-3", 1, "again"))).extracting(Event::seq).containsExactly(4L);
        assertThat(redis.get(counter)).as("seq 4, written under the first Redis process seen").isEqualTo("4:1");
    }

    @Test
    void noCounterIsSeededWhileAWriteOlderThanTheCountersIsPending() {
        RedisWeb dead = web(GatedEventStore.dying(events), ProcessRole.WEB, SHORT_COUNTERS);
        RedisWeb live = web(events, ProcessRole.WEB, SHORT_COUNTERS);
        assertThatThrownBy(() -> dead.service().send(Ledger.entry("tenant_a", "acct-4", 1, "orphan"))).hasMessageContaining("died");
        String counter = keys.counter(new StreamId(TENANT, Ledger.ACCOUNT, "acct-4"));
        await().atMost(WAIT).until(() -> redis.exists(counter) == 0);

        // The store ends at 0, but seq 1 is taken by the pending write: seeding now would reuse it.
        assertThatThrownBy(() -> live.service().send(Ledger.entry("tenant_a", "acct-4", 1, "too early")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("longer than the seq counters live");

        assertThat(live.writer().recovery().recoverDue()).isEqualTo(1);
        assertThat(live.service().send(Ledger.entry("tenant_a", "acct-4", 1, "now"))).extracting(Event::seq).containsExactly(2L);
        assertThat(events.read(TENANT, Ledger.ACCOUNT, "acct-4")).extracting(e -> e.data().path("memo").asText())
                .containsExactly("orphan", "now");
    }

    private RedisWeb web(EventStore store, ProcessRole role, RedisStreamWriterOptions options) {
        RedisWeb web = RedisWeb.start(client, queue, registry, store, folds, role, options);
        opened.add(web);
        return web;
    }
}
