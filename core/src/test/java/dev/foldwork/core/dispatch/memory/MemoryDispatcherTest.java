package dev.foldwork.core.dispatch.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.DeadLetter;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.FlakyStores;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDispatcherTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(50));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore records = new MemoryAppendStore();
    private final List<String> reactionsSeen = new CopyOnWriteArrayList<>();
    private final List<String> reactionsOnUnpersistedState = new CopyOnWriteArrayList<>();
    private Foldwork<MemoryDispatcher> es;

    @AfterEach
    void close() {
        if (es != null) {
            es.close();
        }
    }

    /** A reactor observer that checks the state it sees is already in the fold store. */
    private LedgerPipeline.BalanceObserver checkingPersisted(FoldStore store) {
        return (context, event) -> {
            Balance stored = Ledger.balance(store, context.tenantId().value(), context.aggregateId()).orElse(null);
            if (stored == null || stored.entries() < context.state().entries()) {
                reactionsOnUnpersistedState.add(event.id());
            }
            reactionsSeen.add(event.data().path("memo").asText());
        };
    }

    private Foldwork<MemoryDispatcher> start(PipelineRegistry registry, FoldStore foldStore, dev.foldwork.core.stores.AppendStore appendStore) {
        MemoryDispatcherOptions options = MemoryDispatcherOptions.defaults().withRetries(FAST, FAST, FAST);
        es = Foldwork.inMemory(registry, new MemoryEventStore(), foldStore, appendStore, options);
        return es;
    }

    @Test
    void aFailingFoldStoreIsRetriedAndReactorsRunOnlyOnPersistedState() throws Exception {
        FlakyStores.FoldStoreFailing flaky = new FlakyStores.FoldStoreFailing(folds, 2);
        start(LedgerPipeline.registry(checkingPersisted(folds)), flaky, records);
        for (int i = 0; i < 3; i++) {
            es.service().send(Ledger.entry("t1", "a1", 10, "m" + i));
        }
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(Ledger.balance(folds, "t1", "a1")).get().extracting(Balance::balance, Balance::entries).containsExactly(30L, 3L);
        assertThat(reactionsSeen).containsExactlyInAnyOrder("m0", "m1", "m2");
        assertThat(reactionsOnUnpersistedState).isEmpty();
        assertThat(es.dispatcher().deadLetters()).isEmpty();
    }

    @Test
    void aPoisonEventParksOnlyItsAggregateAndItsReactorNeverRuns() throws Exception {
        start(LedgerPipeline.registry(checkingPersisted(folds)), folds, records);
        es.service().send(Ledger.entry("t1", "sick", 1, "before"));
        es.service().send(Ledger.entry("t1", "sick", 1, "poison"));
        es.service().send(Ledger.entry("t1", "sick", 1, "after"));
        es.service().send(Ledger.entry("t1", "healthy", 5, "fine"));

        await().atMost(WAIT).until(() -> !es.dispatcher().parkedGroups().isEmpty());
        assertThat(es.dispatcher().parkedGroups().entrySet()).singleElement().satisfies(parked -> {
            assertThat(parked.getKey().toString()).isEqualTo("fold:t1:account:sick");
            assertThat(parked.getValue()).contains("poison entry");
        });
        await().atMost(WAIT).until(() -> reactionsSeen.contains("fine"));
        assertThat(Ledger.balance(folds, "t1", "healthy")).get().extracting(Balance::entries).isEqualTo(1L);
        assertThat(reactionsSeen).doesNotContain("poison", "after");
        // The events behind the poison one wait, in order: the aggregate is not half applied.
        assertThat(Ledger.balance(folds, "t1", "sick").map(Balance::entries).orElse(0L)).isLessThanOrEqualTo(1L);
        assertThat(es.dispatcher().awaitIdle(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void aParkedGroupIsListedWithItsEventThenRetriedInVainAndSkipped() throws Exception {
        start(LedgerPipeline.registry((c, e) -> {}), folds, records);
        es.service().send(Ledger.entry("t1", "sick", 1, "before"));
        es.service().send(Ledger.entry("t1", "sick", 1, "poison"));
        es.service().send(Ledger.entry("t1", "sick", 1, "after"));
        await().atMost(WAIT).until(() -> !es.dispatcher().parked().isEmpty());
        ParkedFoldGroup parked = es.dispatcher().parked().get(0);
        assertThat(parked.group().toString()).isEqualTo("fold:t1:account:sick");
        assertThat(parked.fold()).isEqualTo("account_balance");
        assertThat(parked.eventId()).isNotBlank();
        assertThat(parked.reason()).contains("poison entry", parked.eventId());
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(es.dispatcher().parked(parked.group())).contains(parked);

        // the fold still fails: the retry parks the group again, at the same event
        assertThat(es.dispatcher().retryParked(parked.group()).orElseThrow().get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(es.dispatcher().parked(parked.group())).get().extracting(ParkedFoldGroup::eventId).isEqualTo(parked.eventId());

        assertThat(es.dispatcher().skipParked(parked.group()).orElseThrow().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(es.dispatcher().parked()).isEmpty();
        assertThat(Ledger.balance(folds, "t1", "sick")).get().extracting(Balance::entries, Balance::lastMemo)
                .containsExactly(2L, "after");
        assertThat(es.dispatcher().retryParked(parked.group())).as("no longer parked").isEmpty();
        assertThat(es.dispatcher().skipParked(parked.group())).isEmpty();
    }

    @Test
    void aFailingMapIsRetriedThenDeadLettered() throws Exception {
        FlakyStores.AppendStoreFailing broken = new FlakyStores.AppendStoreFailing(records, Integer.MAX_VALUE);
        start(LedgerPipeline.registry((c, e) -> {}), folds, broken);
        es.service().send(Ledger.entry("t1", "a1", 7, "x"));
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(es.dispatcher().deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.kind()).isEqualTo("map");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.error()).contains("append store unavailable");
        });
        assertThat(Ledger.balance(folds, "t1", "a1")).get().extracting(Balance::balance).isEqualTo(7L);
    }

    @Test
    void aMapThatFailsTwiceIsAppendedOnce() throws Exception {
        FlakyStores.AppendStoreFailing flaky = new FlakyStores.AppendStoreFailing(records, 2);
        start(LedgerPipeline.registry((c, e) -> {}), folds, flaky);
        es.service().send(Ledger.entry("t1", "a1", 7, "x"));
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(records.read(TenantId.of("t1"), "entry_log", "a1")).hasSize(1);
        assertThat(es.dispatcher().deadLetters()).isEmpty();
    }

    @Test
    void aFailingReactorIsRetriedThenDeadLetteredWithoutBlockingTheFold() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start(LedgerPipeline.registry((c, e) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("downstream down (test)");
        }), folds, records);
        es.service().send(Ledger.entry("t1", "a1", 1, "x"));
        es.service().send(Ledger.entry("t1", "a1", 1, "y"));
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(attempts.get()).isEqualTo(6);
        assertThat(es.dispatcher().deadLetters()).extracting(DeadLetter::kind).containsExactly("reactor", "reactor");
        assertThat(Ledger.balance(folds, "t1", "a1")).get().extracting(Balance::entries).isEqualTo(2L);
    }

    @Test
    void aBurstWithOneJobIdReactsOnceWithTheLatestState() throws Exception {
        List<Long> runs = new CopyOnWriteArrayList<>();
        startWithSettle(Duration.ofMillis(500), runs);
        for (int i = 0; i < 20; i++) {
            es.service().send(Ledger.entry("t1", "a1", 1, "m" + i));
        }
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(runs).containsExactly(20L);
        assertThat(es.dispatcher().coalescedReactions()).isGreaterThan(0);
    }

    /** A job id that keeps getting calls faster than its delay still runs, within the most delays it may wait. */
    @Test
    void aSteadyStreamWithOneJobIdStillReactsWithinTheMaxWait() throws Exception {
        Duration delay = Duration.ofMillis(100);
        List<Long> runs = new CopyOnWriteArrayList<>();
        startWithSettle(delay, runs);
        long started = System.nanoTime();
        long giveUp = started + Duration.ofSeconds(10).toNanos();
        int sent = 0;
        while (runs.isEmpty() && System.nanoTime() < giveUp) { // a call every 20 ms never lets the delay pass
            es.service().send(Ledger.entry("t1", "a1", 1, "m" + sent++));
            Thread.sleep(20);
        }
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(runs).as("reactions while the stream went on").isNotEmpty();
        assertThat(waitedMs).as("ms until the first reaction").isLessThan(delay.toMillis() * ReactionPlan.MAX_WAIT_DELAYS + 2_000);
        assertThat(runs.get(0)).as("the state it saw").isBetween(2L, (long) sent);
    }

    @Test
    void anEventDeliveredAgainIsNotAppliedTwiceEvenByANewDispatcher() throws Exception {
        start(LedgerPipeline.registry((c, e) -> {}), folds, records);
        List<Event> sent = es.service().send(Ledger.entry("t1", "a1", 100, "once"));
        es.dispatcher().dispatch(sent);
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        es.close();

        // A fresh process, same fold store: the redelivered event is recognised by the stored checkpoint.
        start(LedgerPipeline.registry((c, e) -> {}), folds, records);
        es.dispatcher().dispatch(sent);
        assertThat(es.dispatcher().awaitIdle(WAIT)).isTrue();
        assertThat(Ledger.balance(folds, "t1", "a1")).get().extracting(Balance::balance, Balance::entries).containsExactly(100L, 1L);
        assertThat(records.read(TenantId.of("t1"), "entry_log", "a1")).hasSize(1);
    }

    /** The ledger with reactor {@code settle}: a job id per account and {@code delay}; each run notes the entries it saw. */
    private void startWithSettle(Duration delay, List<Long> runs) {
        Reactor<Balance> settle = new Reactor<>() {
            @Override
            public String name() {
                return "settle";
            }

            @Override
            public void react(Event event, ReactorContext<Balance> context) {
                runs.add(context.state().entries());
            }

            @Override
            public Optional<String> jobId(Event event, Balance state) {
                return Optional.of(event.aggregateId());
            }

            @Override
            public Duration delay() {
                return delay;
            }
        };
        start(PipelineRegistry.of(Pipeline.named("ledger").aggregateType("account")
                .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, settle)
                .build()), folds, records);
    }
}
