package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.activities.FoldActivityPolicies;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fold workflows under load stay within {@link RunBudgets#LIMITS}, measured on every run the test
 * server recorded: a burst to one aggregate, large events and states, a parked aggregate that
 * keeps taking large events, a reactor whose downstream is down, and the one global fold every
 * aggregate feeds. With {@code -Dfoldwork.soak=true} (scripts/bench soak) each runs at the scale
 * the Temporal issue names; the suite runs them smaller.
 */
class RunBudgetsTest {
    private static final boolean SOAK = Boolean.getBoolean("foldwork.soak");

    /** Events in signals of 500 to one aggregate: 20,000 once took one run to 56,054 history events and 22.8 MB. */
    @Test
    void aBurstToOneAggregateStaysWithinTheBudgets() {
        int total = SOAK ? 100_000 : 20_000;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            List<Event> events = new ArrayList<>();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                events.add(harness.entry("acct-burst", 1, "b"));
                if (events.size() % 500 == 0) {
                    sent.add(harness.dispatcher.dispatch(List.copyOf(events.subList(events.size() - 500, events.size()))));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            await().atMost(Duration.ofSeconds(SOAK ? 600 : 60))
                    .until(() -> harness.stored("acct-burst").filter(FoldHarness.sequential(events)::equals).isPresent());

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-burst").toString()))
                    .assertWithin(RunBudgets.LIMITS, String.format("%,d events to one aggregate", total));
        }
    }

    /**
     * 500 events of 50 KB on a fold whose state holds the last one (50 KB): maps and reactors get
     * references. Passing events and states once made 26 MB workflow-task completions and map
     * inputs of several MB.
     */
    @Test
    void largeEventsAndStatesGoToMapsAndReactorsByReference() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                events.add(harness.entry("acct-large", 1, i + "-" + "m".repeat(50_000)));
            }
            harness.dispatcher.dispatch(events).join();
            harness.awaitStored("acct-large", FoldHarness.sequential(events));
            Set<String> ids = events.stream().map(Event::id).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.reactions.stream()
                    .map(FoldHarness.Reaction::eventId).collect(Collectors.toSet()).containsAll(ids));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> harness.appendStore.read(FoldHarness.TENANT, "entry_log", "acct-large").size() == 500);

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-large").toString()))
                    .assertWithin(RunBudgets.LIMITS, "500 events of 50 KB on a 50 KB state");
        }
    }

    /** A parked aggregate keeps taking events of 100 KB: 45 of them once made a 4 MB continue-as-new the server refused. */
    @Test
    void aParkedAggregateTakingLargeEventsCarriesCursorsNotEvents() {
        int total = SOAK ? 5_000 : 300;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            Event poison = harness.entry("acct-parked", 1, "poison");
            harness.dispatcher.dispatch(List.of(poison)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-parked").parked() != null);
            List<Event> events = new ArrayList<>();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                Event event = harness.entry("acct-parked", 1, i + "-" + "p".repeat(100_000));
                events.add(event);
                sent.add(harness.dispatcher.dispatch(List.of(event)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf("acct-parked").toString())
                    .skipParked(poison.id());
            await().atMost(Duration.ofSeconds(SOAK ? 900 : 120))
                    .until(() -> harness.stored("acct-parked").filter(FoldHarness.sequential(events)::equals).isPresent());

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-parked").toString()))
                    .assertWithin(RunBudgets.LIMITS, String.format("a parked aggregate taking %,d events of 100 KB", total));
        }
    }

    /** Reactions fail while their downstream is down: a run once held 2,500 reactor activities pending. */
    @Test
    void aReactorWhoseDownstreamIsDownKeepsPendingActivitiesWithinTheBudget() {
        int total = SOAK ? 5_000 : 1_500;
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicLong refused = new AtomicLong();
        FoldWorkflowOptions options = FoldWorkflowOptions.defaults().withActivities(FoldActivityPolicies.defaults()
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withAttempts(0, 0, 0));
        try (FoldHarness harness = new FoldHarness(options, recorder -> LedgerPipeline.registry((context, event) -> {
            if (down.get()) {
                refused.incrementAndGet();
                throw new IllegalStateException("downstream is down");
            }
            recorder.seen(context, event);
        }))) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                events.add(harness.entry("acct-down", 1, "d"));
            }
            harness.dispatcher.dispatch(events).join();
            // every pending reaction refused a few times over: the run is at its cap of pending activities
            await().atMost(Duration.ofSeconds(120)).until(() -> refused.get() >= 3L * FoldWorkflowOptions.DEFAULT_MAX_PENDING_ACTIVITIES);
            down.set(false);
            Set<String> ids = events.stream().map(Event::id).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(SOAK ? 600 : 180)).until(() -> harness.reactions.stream()
                    .map(FoldHarness.Reaction::eventId).collect(Collectors.toSet()).containsAll(ids));
            harness.awaitStored("acct-down", FoldHarness.sequential(events));

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-down").toString()))
                    .assertWithin(RunBudgets.LIMITS, String.format("a reactor down for %,d events", total));
        }
    }

    /** 200 aggregates x 20 events, each aggregate's events signalled on their own: the global fold's runs. */
    @Test
    void theGlobalFoldEveryAggregateFeedsStaysWithinTheBudgets() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            Event any = null;
            for (int round = 0; round < 20; round++) {
                for (int a = 0; a < 200; a++) {
                    any = harness.entry("acct-" + a, 1, "g");
                    sent.add(harness.dispatcher.dispatch(List.of(any)));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            FoldGroupId global = globalGroup(harness, any);
            awaitGlobalEntries(harness, global, 4_000, Duration.ofSeconds(120));

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, global.toString()))
                    .assertWithin(RunBudgets.LIMITS, "4,000 events from 200 aggregates to the global fold");
        }
    }

    /** Events from 200 aggregates at a steady 2,000 a second (the soak: for 60 s; the suite: 10 s). */
    @Test
    void theGlobalFoldAtTwoThousandEventsASecondStaysWithinTheBudgets() throws InterruptedException {
        int seconds = SOAK ? 60 : 10;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            Event any = null;
            long start = System.nanoTime();
            for (int tick = 0; tick < seconds * 100; tick++) {
                long due = start + tick * 10_000_000L; // 20 events every 10 ms
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                for (int i = 0; i < 20; i++) {
                    any = harness.entry("acct-" + (tick * 20 + i) % 200, 1, "r");
                    sent.add(harness.dispatcher.dispatch(List.of(any)));
                }
            }
            double sentSeconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            FoldGroupId global = globalGroup(harness, any);
            awaitGlobalEntries(harness, global, seconds * 2_000L, Duration.ofSeconds(SOAK ? 600 : 180));
            System.out.printf("MEASURED global fold rate: %,d events sent in %.1f s%n", seconds * 2_000, sentSeconds);

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, global.toString()))
                    .assertWithin(RunBudgets.LIMITS, String.format("the global fold at 2,000 events/s for %d s", seconds));
        }
    }

    private static FoldGroupId globalGroup(FoldHarness harness, Event any) {
        EventRouter router = new EventRouter(harness.registry);
        return router.foldGroups(List.of(any)).keySet().stream().filter(router::isGlobal).findFirst().orElseThrow();
    }

    private static void awaitGlobalEntries(FoldHarness harness, FoldGroupId global, long entries, Duration atMost) {
        await().atMost(atMost).until(() -> harness.foldStore
                .get(FoldHarness.TENANT, global.aggregateType().value(), global.aggregateKey())
                .map(s -> s.state().path("entries").asLong() == entries).orElse(false));
    }
}
