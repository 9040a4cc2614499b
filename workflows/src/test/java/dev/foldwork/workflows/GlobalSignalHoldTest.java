package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.client.GlobalSignalHolds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A global fold's run that continues as new first has the process hold its signals until the next
 * run is there, so a steady stream cannot keep failing its last task: held signals wait, and go to
 * the next run; a hold for a run that is no longer current holds nothing.
 */
class GlobalSignalHoldTest {

    @Test
    void aHoldForTheCurrentRunKeepsSignalsBackAndOneForAnOlderRunDoesNot() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            Event first = harness.send("acct-1", 1, "r");
            FoldGroupId global = globalGroup(harness, first);
            awaitEntries(harness, global, 1);
            String run = harness.client().newUntypedWorkflowStub(global.toString()).describe().getExecution().getRunId();
            int signalled = signals(harness, global);

            GlobalSignalHolds.PROCESS.holdUntilContinued(global, run);
            harness.send("acct-2", 1, "r");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> signals(harness, global) == signalled);

            GlobalSignalHolds.PROCESS.holdUntilContinued(global, "a-run-that-continued-already");
            harness.send("acct-3", 1, "r");
            awaitEntries(harness, global, 3); // the held event went out with the next one
        }
    }

    /** 20 accounts sending without pause to a global fold whose runs continue as new every 60 history events. */
    @Test
    void aGlobalFoldUnderASteadyStreamContinuesAsNewAfterHoldingItsSignals() throws InterruptedException {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxHistoryLength(60))) {
            Event any = null;
            int sent = 0;
            long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 20; i++) {
                    any = harness.entry("acct-" + i, 1, "r");
                    harness.dispatcher.dispatch(List.of(any));
                    sent++;
                }
                Thread.sleep(20);
            }
            FoldGroupId global = globalGroup(harness, any);
            awaitEntries(harness, global, sent);

            List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, global.toString());
            assertThat(runs.size()).as("runs of %s", global).isGreaterThan(1);
            for (WorkflowExecutionHistory continued : runs.subList(0, runs.size() - 1)) {
                assertThat(continued.getEvents().stream().anyMatch(GlobalSignalHoldTest::isHold))
                        .as("a run of %s that continued as new held its signals first", global).isTrue();
            }
        }
    }

    private static boolean isHold(HistoryEvent event) {
        return event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                && event.getMarkerRecordedEventAttributes().getDetailsMap().containsKey("type")
                && event.getMarkerRecordedEventAttributes().getDetailsMap().get("type").getPayloads(0).getData()
                        .toStringUtf8().contains("HoldGlobalSignals");
    }

    private static int signals(FoldHarness harness, FoldGroupId global) {
        String run = harness.client().newUntypedWorkflowStub(global.toString()).describe().getExecution().getRunId();
        return (int) FoldWorkflowReplayTest.wholeHistory(harness, global.toString(), run).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).count();
    }

    private static FoldGroupId globalGroup(FoldHarness harness, Event any) {
        EventRouter router = new EventRouter(harness.registry);
        return router.foldGroups(List.of(any)).keySet().stream().filter(router::isGlobal).findFirst().orElseThrow();
    }

    private static void awaitEntries(FoldHarness harness, FoldGroupId global, long entries) {
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.foldStore
                .get(FoldHarness.TENANT, global.aggregateType().value(), global.aggregateKey())
                .map(s -> s.state().path("entries").asLong() == entries).orElse(false));
    }
}
