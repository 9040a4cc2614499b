package dev.foldwork.redis.dispatch;

import static dev.foldwork.core.testing.LedgerChecks.entry;
import static dev.foldwork.core.testing.LedgerChecks.sequentialBalance;
import static dev.foldwork.core.testing.LedgerChecks.storedBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import dev.foldwork.redis.testing.RedisServerProcess;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Durability: a Redis with appendonly yes is killed and started again in the middle of a
 * stream. With appendfsync always no staged job is lost; with everysec and a lost file end,
 * no event is lost and catch-up projects what the lost jobs carried.
 */
class RedisRestartTest {
    static final TenantId TENANT = TenantId.of("durable");
    static final int ACCOUNTS = 20;
    static final int ENTRIES = 50;

    @Test
    void noStagedJobIsLostWhenRedisRestarts() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess()) {
            RedisClient client = LocalRedis.client(redis.port());
            MemoryEventStore events = new MemoryEventStore();
            MemoryFoldStore folds = new MemoryFoldStore();
            AtomicInteger sent = new AtomicInteger();
            try (Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, LocalRedis.uniqueQueue("restart"),
                    LedgerPipeline.registry((c, e) -> {}), events, folds, new MemoryAppendStore(),
                    GroupQueueOptions.defaults().withConcurrency(8).withLease(Duration.ofSeconds(2)),
                    RedisDispatcherOptions.defaults(ProcessRole.WORKER))) {
                // four senders, so that a stage call is on the wire when Redis dies
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<CompletableFuture<Void>> senders = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    int sender = s;
                    senders.add(CompletableFuture.runAsync(() -> {
                        for (int round = 0; round < ENTRIES; round++) {
                            for (int a = sender; a < ACCOUNTS; a += 4) {
                                es.service().send(entry(TENANT, "acct-" + a, round * 5L + a, "r" + round));
                                sent.incrementAndGet();
                            }
                        }
                    }, pool));
                }
                CompletableFuture<Void> sending = CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new));
                await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= ACCOUNTS * ENTRIES / 3);
                redis.restart();
                assertThat(sent.get()).as("commands sent when Redis came back").isLessThan(ACCOUNTS * ENTRIES);
                sending.get();
                pool.shutdown();
                assertThat(sent.get()).isEqualTo(ACCOUNTS * ENTRIES);

                await().atMost(Duration.ofSeconds(60)).until(() -> es.dispatcher().admin().snapshot().depth() == 0);
                assertEveryBalanceIsTheLogs(events, folds);
            } finally {
                client.shutdown();
            }
        }
    }

    /**
     * appendfsync everysec, as Redis ships it, and a machine crash that loses the append-only
     * file's unsynced end: the stream counters come back behind the store and the last staged jobs
     * are gone. Every command accepted before or after still has its event stored, at its own seq
     * (before, a counter behind the store gave stored seqs out again and those events were
     * dropped), and catch-up projects what the lost jobs carried.
     */
    @Test
    void aRedisThatLostItsUnsyncedEndLosesNoEventAndNoProjection() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.everysec()) {
            RedisClient client = LocalRedis.client(redis.port());
            MemoryEventStore events = new MemoryEventStore();
            MemoryFoldStore folds = new MemoryFoldStore();
            PipelineRegistry registry = LedgerPipeline.registry((c, e) -> {});
            List<String> accepted = new ArrayList<>();
            try (Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, LocalRedis.uniqueQueue("everysec"),
                    registry, events, folds, new MemoryAppendStore(),
                    GroupQueueOptions.defaults().withConcurrency(8).withLease(Duration.ofSeconds(2)),
                    RedisDispatcherOptions.defaults(ProcessRole.WORKER))) {
                for (int round = 0; round < 10; round++) {
                    for (int a = 0; a < ACCOUNTS; a++) {
                        accepted.add(es.service().send(entry(TENANT, "acct-" + a, round * 5L + a, "before-" + round)).get(0).id());
                    }
                }
                redis.restartLosingTheAppendOnlyTail(0.4);
                for (int round = 10; round < 20; round++) {
                    for (int a = 0; a < ACCOUNTS; a++) {
                        accepted.add(es.service().send(entry(TENANT, "acct-" + a, round * 5L + a, "after-" + round)).get(0).id());
                    }
                }

                List<String> stored = new ArrayList<>();
                for (int a = 0; a < ACCOUNTS; a++) {
                    List<Event> stream = events.read(TENANT, Ledger.ACCOUNT, "acct-" + a);
                    assertThat(stream).extracting(Event::seq).as("acct-" + a + "'s seqs")
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, stream.size()).boxed().toList());
                    stream.forEach(e -> stored.add(e.id()));
                }
                assertThat(stored).as("every accepted command's event, stored").containsExactlyInAnyOrderElementsOf(accepted);

                await().atMost(Duration.ofSeconds(60)).until(() -> es.dispatcher().admin().snapshot().depth() == 0);
                CatchUp catchUp = new CatchUp(new EventRouter(registry), events, folds, es.dispatcher(),
                        new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(30)));
                catchUp.runOnce();
                FoldLag lag = new FoldLag(registry, events, folds);
                await().atMost(Duration.ofSeconds(60)).until(() -> lag.behind(List.of(TENANT)) == 0);
                assertEveryBalanceIsTheLogs(events, folds);
            } finally {
                client.shutdown();
            }
        }
    }

    private static void assertEveryBalanceIsTheLogs(MemoryEventStore events, MemoryFoldStore folds) {
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "acct-" + a;
            assertThat(storedBalance(folds, TENANT, account)).as(account).contains(sequentialBalance(events, TENANT, account));
        }
    }
}
