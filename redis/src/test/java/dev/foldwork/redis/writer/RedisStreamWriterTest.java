package dev.foldwork.redis.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.testing.LocalRedis;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two "web processes" (each its own Redis connections, writer and service) over one event store
 * write the same streams at once. Each would be its streams' only writer with the one-process
 * writer, and both would give out the same seqs; with the Redis writer the seqs stay 1..n.
 */
class RedisStreamWriterTest {
    private static final int STREAMS = 20;
    private static final int EVENTS_PER_STREAM = 60;
    private static final AggregateType POOL = AggregateType.of("pool");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RedisClient client = LocalRedis.client();
    private final String queue = LocalRedis.uniqueQueue("writer");
    private final PipelineRegistry registry = PipelineRegistry.of(
            List.of(LedgerPipeline.pipeline((context, event) -> {}), SlotsPipeline.pipeline()),
            Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        LocalRedis.deleteQueue(client, queue);
        client.shutdown();
    }

    @Test
    void twoWebsWritingTheSameStreamsGiveEachStreamTheSeqsOneToN() throws Exception {
        RedisWeb webA = web(ProcessRole.WORKER, RedisStreamWriterOptions.defaults());
        RedisWeb webB = web(ProcessRole.WEB, RedisStreamWriterOptions.defaults());
        concurrently(STREAMS * EVENTS_PER_STREAM, i -> (i % 2 == 0 ? webA : webB).service()
                .send(Ledger.entry("tenant_a", "acct-" + i % STREAMS, i, "e" + i)));
        // A delivery that overtook an earlier seq still being stored by the other web waits for the
        // stream's next delivery (or catch-up, not running here): a last entry per stream brings it.
        for (int s = 0; s < STREAMS; s++) {
            webA.service().send(Ledger.entry("tenant_a", "acct-" + s, 1, "last"));
        }

        for (int s = 0; s < STREAMS; s++) {
            String account = "acct-" + s;
            List<Event> stream = events.read(TenantId.of("tenant_a"), Ledger.ACCOUNT, account);
            assertThat(stream).extracting(Event::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, EVENTS_PER_STREAM + 1).boxed().toList());
            assertThat(new HashSet<>(stream.stream().map(Event::id).toList())).hasSize(EVENTS_PER_STREAM + 1);
            // the worker folds by seq whatever order the two webs' deliveries came in
            await().atMost(WAIT).untilAsserted(() -> assertThat(Ledger.balance(folds, "tenant_a", account))
                    .contains(Ledger.fold(stream)));
        }
    }

    @Test
    void aDecisionOnHistoryHoldsAcrossTwoWebs() throws Exception {
        RedisWeb webA = web(ProcessRole.WEB, RedisStreamWriterOptions.defaults());
        RedisWeb webB = web(ProcessRole.WEB, RedisStreamWriterOptions.defaults());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        // Each pool gets three times as many takes as it has slots, from both webs at once.
        concurrently(STREAMS * SlotsPipeline.SLOTS * 3, i -> {
            try {
                (i % 2 == 0 ? webA : webB).service().send(SlotsPipeline.take("tenant_a", "pool-" + i % STREAMS));
                accepted.incrementAndGet();
            } catch (CommandRejectedException full) {
                conflicts.incrementAndGet();
            }
        });

        for (int s = 0; s < STREAMS; s++) {
            List<Event> pool = events.read(TenantId.of("tenant_a"), POOL, "pool-" + s);
            assertThat(pool).as("pool-" + s + " hands out each slot once").extracting(e -> e.data().path("slot").asInt())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, pool.size()).boxed().toList());
            assertThat(pool).extracting(Event::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, pool.size()).boxed().toList());
            assertThat(pool.size()).isLessThanOrEqualTo(SlotsPipeline.SLOTS);
        }
        assertThat(accepted.get()).as("every accepted take is stored").isEqualTo(
                LongStream.range(0, STREAMS).mapToInt(s -> events.read(TenantId.of("tenant_a"),
                        POOL, "pool-" + s).size()).sum());
    }

    private RedisWeb web(ProcessRole role, RedisStreamWriterOptions options) {
        RedisWeb web = RedisWeb.start(client, queue, registry, events, folds, role, options);
        opened.add(web);
        return web;
    }

    @FunctionalInterface
    interface Call {
        void run(int i) throws Exception;
    }

    static void concurrently(int calls, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                done.add(threads.submit(() -> {
                    call.run(n);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
