package dev.foldwork.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.core.testing.LedgerPipeline.MonthlyVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 200 aggregates x 50 events over two tenants (who share aggregate ids), sent from 8 threads in a
 * shuffled order so one aggregate is written by several threads at once. Afterwards everything
 * the projections hold must agree with the event store.
 */
class MemoryModeEndToEndTest {
    private static final int AGGREGATES = 200;
    private static final int EVENTS_PER_AGGREGATE = 50;
    private static final int THREADS = 8;
    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b");

    private final Map<String, AtomicInteger> reactionsPerEvent = new ConcurrentHashMap<>();
    private final List<String> reactionsOnUnpersistedState = new CopyOnWriteArrayList<>();

    @Test
    void projectionsAgreeWithTheEventStore() throws Exception {
        MemoryFoldStore foldStore = new MemoryFoldStore();
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {
            reactionsPerEvent.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            // The reactor reads the fold store itself: what it was given must already be there.
            Balance stored = Ledger.balance(foldStore, context.tenantId().value(), context.aggregateId()).orElse(null);
            if (stored == null || stored.entries() < context.state().entries()) {
                reactionsOnUnpersistedState.add(event.id());
            }
        });
        try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(registry, new MemoryEventStore(), foldStore, new MemoryAppendStore(),
                MemoryDispatcherOptions.defaults())) {
            sendShuffled(es);
            assertThat(es.dispatcher().awaitIdle(Duration.ofSeconds(60))).as("dispatcher drained").isTrue();

            int totalEvents = 0;
            for (String tenant : TENANTS) {
                TenantId tenantId = TenantId.of(tenant);
                assertThat(es.eventStore().aggregateIds(tenantId, Ledger.ACCOUNT)).hasSize(AGGREGATES);
                Map<String, Long> expectedPerMonth = new HashMap<>();
                for (String account : es.eventStore().aggregateIds(tenantId, Ledger.ACCOUNT)) {
                    List<Event> history = es.eventStore().read(tenantId, Ledger.ACCOUNT, account);
                    assertThat(history).hasSize(EVENTS_PER_AGGREGATE).allMatch(e -> e.tenantId().equals(tenantId));
                    assertThat(Ledger.balance(es.foldStore(), tenant, account)).as("fold of %s/%s", tenant, account)
                            .contains(Ledger.fold(history));

                    List<MapRecord> records = es.appendStore().read(tenantId, LedgerPipeline.ENTRY_LOG.name(), account);
                    // records read in time order; two commands racing on a stream may take seqs in
                    // the other order than their decision times, so compare as a set
                    assertThat(records).extracting(MapRecord::eventId)
                            .containsExactlyInAnyOrderElementsOf(history.stream().map(Event::id).toList());
                    for (Event event : history) {
                        expectedPerMonth.merge(LedgerPipeline.MONTHLY_VOLUME.key(event).orElseThrow(), 1L, Long::sum);
                    }
                    totalEvents += history.size();
                }
                expectedPerMonth.forEach((month, entries) -> assertThat(
                        es.foldStore().get(tenantId, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                                .map(s -> Json.fromNode(s.state(), MonthlyVolume.class).entries()))
                        .as("monthly volume of %s in %s", tenant, month).contains(entries));
            }
            assertThat(totalEvents).isEqualTo(TENANTS.size() * AGGREGATES * EVENTS_PER_AGGREGATE);
            assertThat(reactionsPerEvent).hasSize(totalEvents).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
            assertThat(reactionsOnUnpersistedState).isEmpty();
            assertThat(es.dispatcher().deadLetters()).isEmpty();
            assertThat(es.dispatcher().parkedGroups()).isEmpty();
        }
    }

    private static void sendShuffled(Foldwork<MemoryDispatcher> es) throws Exception {
        List<Command> commands = new ArrayList<>();
        Random random = new Random(42);
        for (String tenant : TENANTS) {
            for (int a = 0; a < AGGREGATES; a++) {
                for (int n = 0; n < EVENTS_PER_AGGREGATE; n++) {
                    commands.add(Ledger.entry(tenant, "acct-" + a, random.nextInt(2000) - 1000, "n" + n));
                }
            }
        }
        Collections.shuffle(commands, random);
        ExecutorService producers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Command> share = commands.subList(t * commands.size() / THREADS, (t + 1) * commands.size() / THREADS);
                sent.add(producers.submit(() -> share.forEach(es.service()::send)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            producers.shutdownNow();
        }
    }
}
