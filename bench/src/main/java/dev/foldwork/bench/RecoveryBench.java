package dev.foldwork.bench;

import dev.foldwork.clickhouse.ClickHouseAppendStore;
import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseEventStore;
import dev.foldwork.clickhouse.ClickHouseFoldStore;
import dev.foldwork.clickhouse.ClickHouseSettings;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the event log as the truth costs and whether it holds, over ClickHouse (issue 10's
 * benchmark). Catch-up: 100 ledger accounts x 1,000 events stored and never dispatched, then
 * {@link CatchUp} with a memory dispatcher brings every fold up to date from the store; each
 * account fold and the global {@code monthly_volume} are then checked against the store for lost
 * and doubled events. Rebuild: {@link FoldFromStoreBench} rebuilds {@code trace_summary} of one
 * tenant's 200,000 stored spans through the rebuild path the admin API runs.
 */
public final class RecoveryBench {
    static final int ACCOUNTS = 100;
    static final int ACCOUNT_EVENTS = 1_000;
    static final int APPEND_BATCH = 5_000;
    static final TenantId LEDGER_TENANT = TenantId.of("recovery");

    private RecoveryBench() {}

    /** Events a fold missed and events it applied more than once, as the store judges them. */
    record Damage(long lost, long doubled, long differing) {}

    record CatchUpOutcome(double eventsPerSecond, Damage damage) {}

    public static void main(String[] args) throws Exception {
        String url = System.getenv("FOLDWORK_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("FOLDWORK_CLICKHOUSE_URL is not set; run this through scripts/bench recovery");
        }
        ClickHouseSettings settings = ClickHouseSettings.of(url)
                .withDatabase("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .withCompressResponses(false) // the script's server is Debian's 18.16
                // a fold batch's store waits for its flush: 20 ms, as a latency-minded deployment sets it
                .withBatching(10_000, Duration.ofMillis(20), Duration.ofSeconds(30));
        try (ClickHouseDatabase database = ClickHouseDatabase.open(settings)) {
            try {
                CatchUpOutcome catchUp = catchUp(database);
                double rebuild = FoldFromStoreBench.run(database);
                System.out.printf("RESULT recovery catchup_events_per_s=%.0f rebuild_events_per_s=%.0f lost=%d doubled=%d%n",
                        catchUp.eventsPerSecond(), rebuild, catchUp.damage().lost(), catchUp.damage().doubled());
            } finally {
                database.dropDatabase();
            }
        }
    }

    static CatchUpOutcome catchUp(ClickHouseDatabase database) throws Exception {
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
        try (ClickHouseEventStore events = new ClickHouseEventStore(database);
                ClickHouseFoldStore folds = new ClickHouseFoldStore(database);
                ClickHouseAppendStore records = new ClickHouseAppendStore(database)) {
            List<Event> stored = new ArrayList<>(ACCOUNTS * ACCOUNT_EVENTS);
            long base = System.currentTimeMillis() - ACCOUNTS * ACCOUNT_EVENTS;
            for (int n = 0; n < ACCOUNTS * ACCOUNT_EVENTS; n++) { // interleaved across accounts, as live traffic is
                stored.add(new Event(String.format("%010d", n), LEDGER_TENANT, LedgerChecks.ACCOUNT, "acct-" + (n % ACCOUNTS),
                        n / ACCOUNTS + 1, base + n, "EntryRecorded", 1,
                        Json.toNode(new LedgerPipeline.EntryLine("acct-" + (n % ACCOUNTS), n % 1_000 - 300, "entry " + n))));
            }
            append(events, LEDGER_TENANT, stored);
            System.out.printf("recovery: stored %d ledger events (%d accounts), none dispatched%n", stored.size(), ACCOUNTS);

            FoldLag lag = new FoldLag(registry, events, folds);
            try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(registry, events, folds, records, MemoryDispatcherOptions.defaults())) {
                CatchUp catchUp = new CatchUp(new EventRouter(registry), events, folds, es.dispatcher(),
                        new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(60), 100_000, Duration.ofSeconds(60)));
                long behind = lag.behind(List.of(LEDGER_TENANT));
                double seconds = 0;
                int passes = 0;
                // The clock runs from a pass until the dispatcher is idle; the lag check after it is not timed.
                while (behind > 0) {
                    if (++passes > 10) {
                        throw new IllegalStateException("catch-up left " + behind + " events behind after 10 passes");
                    }
                    long start = System.nanoTime();
                    CatchUp.Report report = catchUp.runOnce();
                    if (!es.dispatcher().awaitIdle(Duration.ofMinutes(4))) {
                        throw new IllegalStateException("the memory dispatcher did not drain within 4 minutes");
                    }
                    seconds += (System.nanoTime() - start) / 1e9;
                    System.out.printf("recovery: catch-up pass %d: %s; dispatcher idle after %.2f s in all%n", passes, report, seconds);
                    behind = lag.behind(List.of(LEDGER_TENANT));
                }
                if (!es.dispatcher().parkedGroups().isEmpty()) {
                    throw new IllegalStateException("parked fold groups: " + es.dispatcher().parkedGroups());
                }
                System.out.printf("recovery: caught up %d events in %.2f s over %d pass(es)%n", stored.size(), seconds, passes);
                Damage damage = damage(events, folds, stored);
                if (damage.differing() > 0) {
                    System.out.printf("recovery: %d account folds differ from a sequential fold with as many entries%n",
                            damage.differing());
                }
                return new CatchUpOutcome(stored.size() / seconds, damage);
            }
        }
    }

    /** Every account fold against a sequential fold of its stored events, and monthly_volume against the store. */
    static Damage damage(ClickHouseEventStore events, ClickHouseFoldStore folds, List<Event> stored) {
        long lost = 0;
        long doubled = 0;
        long differing = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "acct-" + a;
            LedgerPipeline.Balance expected = LedgerChecks.sequentialBalance(events, LEDGER_TENANT, account);
            LedgerPipeline.Balance actual = LedgerChecks.storedBalance(folds, LEDGER_TENANT, account)
                    .orElse(LedgerPipeline.BALANCE.init());
            lost += Math.max(0, expected.entries() - actual.entries());
            doubled += Math.max(0, actual.entries() - expected.entries());
            if (expected.entries() == actual.entries() && !expected.equals(actual)) {
                differing++;
            }
        }
        Set<String> months = new HashSet<>();
        stored.forEach(event -> LedgerPipeline.MONTHLY_VOLUME.key(event).ifPresent(months::add));
        long counted = 0;
        for (String month : months) {
            counted += folds.get(LEDGER_TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                    .map(fold -> Json.fromNode(fold.state(), LedgerPipeline.MonthlyVolume.class).entries()).orElse(0L);
        }
        lost += Math.max(0, stored.size() - counted);
        doubled += Math.max(0, counted - stored.size());
        System.out.printf("recovery: monthly_volume counted %d of %d stored events%n", counted, stored.size());
        return new Damage(lost, doubled, differing);
    }

    /** Appends in batches from 4 producers, as ClickHouseBench does; not timed. */
    static void append(ClickHouseEventStore store, TenantId tenant, List<Event> events) throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int start = 0; start < events.size(); start += APPEND_BATCH) {
                List<Event> batch = events.subList(start, Math.min(events.size(), start + APPEND_BATCH));
                sent.add(producers.submit(() -> store.append(tenant, batch)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            producers.shutdownNow();
        }
    }
}
