package dev.foldwork.workflows;

import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Fold workflows under load stay within {@link RunBudgets#LIMITS}, measured on every run the test
 * server recorded: a burst to one aggregate, and the one global fold every aggregate feeds.
 */
class RunBudgetsTest {

    /** 20,000 events in 40 signals of 500 to one aggregate: one run once took 56,054 history events and 22.8 MB. */
    @Test
    void aBurstToOneAggregateStaysWithinTheBudgets() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            List<Event> events = new ArrayList<>();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                events.add(harness.entry("acct-burst", 1, "b"));
                if (events.size() % 500 == 0) {
                    sent.add(harness.dispatcher.dispatch(List.copyOf(events.subList(events.size() - 500, events.size()))));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            harness.awaitStored("acct-burst", FoldHarness.sequential(events));

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-burst").toString()))
                    .assertWithin(RunBudgets.LIMITS, "20,000 events to one aggregate");
        }
    }

    /** 200 aggregates x 20 events, each aggregate's events signalled on their own: the global fold's runs. */
    @Test
    void theGlobalFoldEveryAggregateFeedsStaysWithinTheBudgets() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            EventRouter router = new EventRouter(harness.registry);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            Event any = null;
            for (int round = 0; round < 20; round++) {
                for (int a = 0; a < 200; a++) {
                    any = harness.entry("acct-" + a, 1, "g");
                    sent.add(harness.dispatcher.dispatch(List.of(any)));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            FoldGroupId global = router.foldGroups(List.of(any)).keySet().stream().filter(router::isGlobal).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(120)).until(() -> harness.foldStore
                    .get(FoldHarness.TENANT, global.aggregateType().value(), global.aggregateKey())
                    .map(s -> s.state().path("entries").asLong() == 4_000).orElse(false));

            RunBudgets.measure(FoldWorkflowReplayTest.everyRun(harness, global.toString()))
                    .assertWithin(RunBudgets.LIMITS, "4,000 events from 200 aggregates to the global fold");
        }
    }
}
