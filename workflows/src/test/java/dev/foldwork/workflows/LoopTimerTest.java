package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.testing.LedgerPipeline;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fold loop waits on the timers it has running: a run that takes eight events one batch at a
 * time and then goes idle starts an idle timer or two, not one per wait (the SDK's timed wait left
 * each of them running, to fire later for nothing: a workflow task each); a run whose debounced
 * reaction wakes it after each of four events waits on its first idle timer after each. The
 * histories replay.
 */
class LoopTimerTest {
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration DEBOUNCE = Duration.ofMillis(200);

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
            run = completedRun(harness, workflowId);
        }

        // one for the idle time, and one more when the first fired before the run had been idle for IDLE
        // (eight batches take longer on a slow machine: one more per IDLE they took)
        assertThat(timersStarted(run, Duration.ofMillis(2), IDLE)).as("idle timers started")
                .isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(run.getEvents().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED))
                .as("timers cancelled").isEmpty();
    }

    @Test
    void aRunWokenByADebouncedReactionAfterEachOfFourEventsKeepsItsIdleTimer() throws Exception {
        int events = 4;
        WorkflowExecutionHistory run;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withIdleTimeout(IDLE),
                observer -> PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                        .fold(LedgerPipeline.BALANCE)
                        .reactor(LedgerPipeline.BALANCE, new AccountWatch("quiet_watch", DEBOUNCE, observer, true))
                        .build()))) {
            String account = "acct-debounced-waits";
            for (int i = 0; i < events; i++) {
                harness.send(account, i + 1, "d" + i);
                int reacted = i + 1;
                await().atMost(Duration.ofSeconds(30)).until(() -> harness.reactions.size() >= reacted);
            }
            run = completedRun(harness, FoldHarness.groupOf(account).toString());
        }

        assertThat(timersStarted(run, Duration.ofMillis(2), DEBOUNCE)).as("debounce timers started").hasSize(events);
        // the first idle wait's timer, kept by the three after it, and one for the rest of the idle time
        // (the SDK's wait: one per idle wait, four)
        assertThat(timersStarted(run, DEBOUNCE.plusMillis(1), IDLE)).as("idle timers started")
                .isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    /** The group's only run, once it completed; its history replays. */
    private static WorkflowExecutionHistory completedRun(FoldHarness harness, String workflowId) throws Exception {
        var stub = harness.client().newUntypedWorkflowStub(workflowId);
        await().atMost(Duration.ofSeconds(60)).until(() -> stub.describe().getRawDescription()
                .getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, workflowId);
        assertThat(runs).as("runs").hasSize(1);
        FoldWorkflowReplayTest.replay(runs, harness.registry);
        return runs.get(0);
    }

    /** The timers started for {@code shortest} to {@code longest}: the 1 ms task boundaries are shorter than any wait. */
    private static List<HistoryEvent> timersStarted(WorkflowExecutionHistory run, Duration shortest, Duration longest) {
        return run.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                .filter(e -> {
                    var timeout = e.getTimerStartedEventAttributes().getStartToFireTimeout();
                    Duration fires = Duration.ofSeconds(timeout.getSeconds(), timeout.getNanos());
                    return fires.compareTo(shortest) >= 0 && fires.compareTo(longest) <= 0;
                })
                .toList();
    }
}
