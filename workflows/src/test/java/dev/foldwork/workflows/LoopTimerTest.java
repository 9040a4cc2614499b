package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fold loop waits on one timer at a time: a run that takes eight events one batch at a time
 * and then goes idle starts an idle timer or two, not one per wait (the SDK's timed wait left each
 * of them running, to fire later for nothing: a workflow task each). The history replays.
 */
class LoopTimerTest {
    private static final Duration IDLE = Duration.ofSeconds(5);

    @Test
    void aRunWaitingOnceAfterEachOfEightBatchesStartsAnIdleTimerOrTwo() throws Exception {
        int events = 8;
        WorkflowExecutionHistory run;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1).withIdleTimeout(IDLE))) {
            String account = "acct-loop-timer";
            String workflowId = FoldHarness.groupOf(account).toString();
            List<Event> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                sent.add(harness.send(account, i + 1, "t" + i));
                harness.awaitStored(account, FoldHarness.sequential(sent)); // one batch, then a wait, each
            }
            var stub = harness.client().newUntypedWorkflowStub(workflowId);
            await().atMost(Duration.ofSeconds(60)).until(() -> stub.describe().getRawDescription()
                    .getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, workflowId);
            assertThat(runs).as("runs").hasSize(1);
            run = runs.get(0);
            FoldWorkflowReplayTest.replay(runs, harness.registry);
        }

        List<HistoryEvent> idleTimers = run.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                .filter(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds() > 0)
                .toList();
        // one for the idle time, and one more when the first fired before the run had been idle for IDLE
        // (eight batches take longer on a slow machine: one more per IDLE they took)
        assertThat(idleTimers).as("idle timers started").isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(run.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED))
                .as("timers cancelled").isEmpty();
    }
}
