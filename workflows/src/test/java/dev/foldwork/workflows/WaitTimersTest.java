package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.testing.LedgerPipeline;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fold loop's waits end their timers: a run that took its events one batch at a time and then
 * went idle has one timer that fired (its idle timeout), the others were cancelled instead of
 * firing later for nothing (a workflow task each). The history replays.
 */
class WaitTimersTest {
    @Test
    void onlyTheIdleTimeoutFiresTheWaitsBeforeItWereCancelled() throws Exception {
        int events = 8;
        WorkflowExecutionHistory run;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1)
                .withIdleTimeout(Duration.ofSeconds(1)))) {
            String account = "acct-waits";
            List<Event> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                sent.add(harness.send(account, i + 1, "w" + i));
                harness.awaitStored(account, FoldHarness.sequential(sent)); // one batch each, one wait each
            }
            var stub = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf(account).toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> stub.describe().getRawDescription().getWorkflowExecutionInfo()
                    .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString());
            assertThat(runs).as("runs").hasSize(1);
            run = runs.get(0);
        }

        assertThat(count(run, EventType.EVENT_TYPE_TIMER_FIRED)).as("timers fired").isEqualTo(1);
        assertThat(count(run, EventType.EVENT_TYPE_TIMER_CANCELED)).as("timers cancelled")
                .isEqualTo(count(run, EventType.EVENT_TYPE_TIMER_STARTED) - 1);
        FoldWorkflowReplayTest.replay(List.of(run), LedgerPipeline.registry((context, event) -> {}));
    }

    private static long count(WorkflowExecutionHistory run, EventType type) {
        return run.getEvents().stream().filter(event -> event.getEventType() == type).count();
    }
}
