package dev.foldwork.core.runtime.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.core.testing.LedgerPipeline.EntryLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of an aggregate fold while live commands keep arriving through the memory
 * dispatcher: history stored without ever being folded, and states a buggy fold wrote, are
 * replaced by states folded from the store, and the live events of the rebuild's time are neither
 * lost nor applied twice. A reader polling meanwhile never sees a rebuilt state that is not the
 * sequential fold of its stream up to its version, and never an older generation once it saw the
 * new one. Catch-up, as every worker runs it, is the backstop for a live write that lost to the
 * swap after the rebuild's final pass. A global fold is rebuilt the same way. A store's test
 * supplies the stores.
 */
public abstract class RebuildScenarios {
    private static final int ACCOUNTS = 40;
    private static final int HISTORY_PER_ACCOUNT = 150;
    private static final String FOLD = LedgerPipeline.BALANCE.name();

    protected abstract EventStore eventStore();

    protected abstract FoldStore foldStore();

    private final PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
    private final TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void rebuildsAFoldWhileLiveEventsKeepArriving() throws Exception {
        storeHistoryNobodyFolded();
        foldStore().store(tenant, FOLD, "acct-0", new StoredFold(Json.toNode(new Balance(-1, 999, 0, "bug")),
                new FoldCheckpoint(HISTORY_PER_ACCOUNT, null, 0)));

        try (Foldwork<MemoryDispatcher> live = Foldwork.inMemory(registry, eventStore(), foldStore(), new MemoryAppendStore(),
                MemoryDispatcherOptions.defaults());
                Rebuilds rebuilds = new Rebuilds(registry, eventStore(), foldStore(), new MemoryAppendStore(), live.dispatcher())) {
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            List<String> violations = new CopyOnWriteArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(2);
            Future<?> sender = threads.submit(() -> sendAt200PerSecond(live.service(), sending, sent));
            Future<?> reader = threads.submit(() -> pollStates(sending, violations));

            RebuildStatus started = rebuilds.start(new RebuildRequest(tenant, FOLD, null));
            assertThat(started.eventsTotal()).isGreaterThanOrEqualTo((long) ACCOUNTS * HISTORY_PER_ACCOUNT);
            await().atMost(Duration.ofSeconds(120)).until(() -> rebuilds.get(started.id()).orElseThrow().state()
                    != RebuildStatus.State.RUNNING);
            RebuildStatus finished = rebuilds.get(started.id()).orElseThrow();
            assertThat(finished.error()).isNull();
            assertThat(finished.state()).isEqualTo(RebuildStatus.State.DONE);
            assertThat(finished.eventsDone()).isGreaterThanOrEqualTo((long) ACCOUNTS * HISTORY_PER_ACCOUNT);
            long sentByTheEnd = sent.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= sentByTheEnd + 20); // live traffic after the swap too

            sending.set(false);
            sender.get(30, TimeUnit.SECONDS);
            reader.get(30, TimeUnit.SECONDS);
            threads.shutdown();

            // A live step that loaded its state before the swap and stored after the final pass lost
            // its write; catch-up, which every worker runs, brings such a stream up from the store.
            CatchUp catchUp = new CatchUp(new EventRouter(registry), eventStore(), foldStore(), live.dispatcher(),
                    new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(5), 10_000, Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                catchUp.runOnce();
                assertThat(accountsBehindTheirStream()).isEmpty();
            });
            long stored = 0;
            for (int a = 0; a < ACCOUNTS; a++) {
                String account = "acct-" + a;
                List<Event> history = eventStore().read(tenant, LedgerChecks.ACCOUNT, account);
                stored += history.size();
                StoredFold state = foldStore().get(tenant, FOLD, account).orElseThrow();
                assertThat(state.generation()).as(account).isEqualTo(finished.generation());
                assertThat(LedgerChecks.storedBalance(foldStore(), tenant, account)).as(account)
                        .contains(LedgerChecks.sequentialBalance(eventStore(), tenant, account));
                assertThat(LedgerChecks.storedBalance(foldStore(), tenant, account).orElseThrow().entries()).as(account)
                        .isEqualTo(history.size()); // each event once: nothing lost, nothing doubled
            }
            assertThat(stored).isEqualTo((long) ACCOUNTS * HISTORY_PER_ACCOUNT + sent.get());
            assertThat(violations).isEmpty();
        }
    }

    /**
     * A global fold (entries per month, over every account) rebuilt while commands keep arriving:
     * a wrong state is replaced by the count of the log, and each live event is counted once
     * whether the rebuild read it, the swap folded it on, or a writer of either generation
     * delivered it.
     */
    @Test
    void rebuildsAGlobalFoldWhileLiveEventsKeepArriving() throws Exception {
        storeHistoryNobodyFolded();
        String volume = LedgerPipeline.MONTHLY_VOLUME.name();
        String month = LedgerPipeline.MONTHLY_VOLUME.key(eventStore().read(tenant, LedgerChecks.ACCOUNT, "acct-0").get(0)).orElseThrow();
        foldStore().store(tenant, volume, month, new StoredFold(Json.toNode(new LedgerPipeline.MonthlyVolume(5, -1)),
                new FoldCheckpoint(3, null, 0)));

        try (Foldwork<MemoryDispatcher> live = Foldwork.inMemory(registry, eventStore(), foldStore(), new MemoryAppendStore(),
                MemoryDispatcherOptions.defaults());
                Rebuilds rebuilds = new Rebuilds(registry, eventStore(), foldStore(), new MemoryAppendStore(), live.dispatcher())) {
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(1);
            Future<?> sender = threads.submit(() -> sendAt200PerSecond(live.service(), sending, sent));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 20);

            RebuildStatus started = rebuilds.start(new RebuildRequest(tenant, volume, null));
            await().atMost(Duration.ofSeconds(120)).until(() -> rebuilds.get(started.id()).orElseThrow().state()
                    != RebuildStatus.State.RUNNING);
            RebuildStatus finished = rebuilds.get(started.id()).orElseThrow();
            assertThat(finished.error()).isNull();
            assertThat(finished.state()).isEqualTo(RebuildStatus.State.DONE);
            long sentByTheEnd = sent.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= sentByTheEnd + 20); // live traffic after the swap too
            sending.set(false);
            sender.get(30, TimeUnit.SECONDS);
            threads.shutdown();

            CatchUp catchUp = new CatchUp(new EventRouter(registry), eventStore(), foldStore(), live.dispatcher(),
                    new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(5), 10_000, Duration.ofSeconds(30)));
            FoldLag lag = new FoldLag(registry, eventStore(), foldStore());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                catchUp.runOnce();
                assertThat(lag.behind(List.of(tenant))).isZero();
            });
            long entries = 0;
            long total = 0;
            for (int a = 0; a < ACCOUNTS; a++) {
                for (Event event : eventStore().read(tenant, LedgerChecks.ACCOUNT, "acct-" + a)) {
                    entries++;
                    total += event.data().path("amount").asLong();
                }
            }
            assertThat(entries).isEqualTo((long) ACCOUNTS * HISTORY_PER_ACCOUNT + sent.get());
            StoredFold rebuilt = foldStore().get(tenant, volume, month).orElseThrow();
            assertThat(rebuilt.generation()).isEqualTo(finished.generation());
            assertThat(Json.fromNode(rebuilt.state(), LedgerPipeline.MonthlyVolume.class)).as("each event counted once")
                    .isEqualTo(new LedgerPipeline.MonthlyVolume(entries, total));
        }
    }

    private List<String> accountsBehindTheirStream() {
        List<String> behind = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            StreamId stream = new StreamId(tenant, LedgerChecks.ACCOUNT, "acct-" + a);
            StoredFold state = foldStore().get(tenant, FOLD, stream.aggregateId()).orElse(null);
            long head = eventStore().lastSeq(stream);
            if (state == null || state.version() < head) {
                behind.add(stream.aggregateId() + " at " + (state == null ? "nothing" : "generation " + state.generation()
                        + " version " + state.version()) + " of " + head);
            }
        }
        return behind;
    }

    /** History appended straight to the store, one batch per account: the folds never saw it. */
    private void storeHistoryNobodyFolded() {
        long now = System.currentTimeMillis();
        for (int a = 0; a < ACCOUNTS; a++) {
            List<Event> history = new ArrayList<>();
            for (int seq = 1; seq <= HISTORY_PER_ACCOUNT; seq++) {
                history.add(new Event(UUID.randomUUID().toString(), tenant, LedgerChecks.ACCOUNT, "acct-" + a, seq, now,
                        "EntryRecorded", 1, Json.toNode(new EntryLine("acct-" + a, seq % 7 + 1, "history " + seq))));
            }
            eventStore().append(tenant, history);
        }
    }

    /** One command every 5 ms on the clock, round the accounts, whatever each send took. */
    private void sendAt200PerSecond(EventSourcingService service, AtomicBoolean sending, AtomicLong sent) {
        long next = System.nanoTime();
        while (sending.get()) {
            long n = sent.get();
            service.send(LedgerChecks.entry(tenant, "acct-" + n % ACCOUNTS, 100 + n % 13, "live " + n));
            sent.incrementAndGet();
            next += 5_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Reads states while the rebuild runs and notes any rebuilt state that is not a whole fold of its prefix. */
    private void pollStates(AtomicBoolean sending, List<String> violations) {
        Map<String, Integer> generationSeen = new ConcurrentHashMap<>();
        Map<String, Long> rebuiltVersionSeen = new ConcurrentHashMap<>();
        while (sending.get()) {
            for (int a = 0; a < ACCOUNTS && sending.get(); a++) {
                String account = "acct-" + a;
                StoredFold state = foldStore().get(tenant, FOLD, account).orElse(null);
                if (state == null) {
                    continue;
                }
                int seen = generationSeen.getOrDefault(account, 0);
                if (state.generation() < seen) {
                    violations.add(account + " went back from generation " + seen + " to " + state.generation());
                }
                generationSeen.put(account, Math.max(seen, state.generation()));
                if (state.generation() == 0) {
                    continue; // the old states, some of them wrong on purpose
                }
                long before = rebuiltVersionSeen.getOrDefault(account, 0L);
                if (state.version() < before) {
                    violations.add(account + " went back from version " + before + " to " + state.version());
                }
                rebuiltVersionSeen.put(account, Math.max(before, state.version()));
                List<Event> prefix = eventStore().read(new StreamId(tenant, LedgerChecks.ACCOUNT,
                        account), 1, state.version());
                Balance expected = FoldStep.apply(LedgerPipeline.BALANCE, LedgerPipeline.BALANCE.init(),
                        FoldCheckpoint.START, prefix).state();
                if (!Json.fromNode(state.state(), Balance.class).equals(expected)) {
                    violations.add(account + " showed a state at version " + state.version()
                            + " that is not the fold of its first " + state.version() + " events");
                }
            }
        }
    }
}
