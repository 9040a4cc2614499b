package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.testing.LedgerPipeline;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run replays with the pipeline shape it recorded, not with the worker's registry of today. The
 * history is recorded where the watcher has a job id and no delay: its reactions start right after
 * each persist, which is what every reactor's did before reactors were debounced (the shape of
 * the histories of commit 75be2a8). It is replayed by a worker that debounces that watcher and
 * has a map and a reactor more; without the recorded shape that replay fails as the Temporal issue
 * found (ACTIVITY_TASK_SCHEDULED does not match COMMAND_TYPE_START_TIMER).
 */
class PipelineShapeReplayTest {

    private static PipelineRegistry before() {
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("account_watch", Duration.ZERO, (context, event) -> {}))
                .build());
    }

    private static PipelineRegistry after() {
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .map(LedgerPipeline.ENTRY_LOG)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("account_watch", Duration.ofSeconds(2), (context, event) -> {}))
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("another_watch", Duration.ZERO, (context, event) -> {}))
                .build());
    }

    @Test
    void aRunReplaysWithTheShapeItRecordedAfterItsReactorWasDebouncedAndAMapAdded() throws Exception {
        List<WorkflowExecutionHistory> runs;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(2).withIdleTimeout(Duration.ofMillis(500)),
                recorder -> before())) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add(harness.entry("acct-shape", i, "s" + i));
                harness.dispatcher.dispatch(List.of(events.get(i))).join();
            }
            harness.awaitStored("acct-shape", FoldHarness.sequential(events));
            var stub = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf("acct-shape").toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> stub.describe().getRawDescription().getWorkflowExecutionInfo()
                    .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-shape").toString());
        }
        List<String> activities = runs.stream().flatMap(run -> run.getEvents().stream())
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
        assertThat(activities).as("a reaction after each persist (debounced, six events one by one would react once), no map")
                .doesNotContain("AppendMapRecords", "AppendMapRecordsOfRanges")
                .filteredOn("RunReactorByRef"::equals).hasSizeGreaterThanOrEqualTo(3);

        FoldWorkflowReplayTest.replay(runs, after());
    }

    /**
     * A reactor debounced per aggregate becomes one called once per batch, inline (as the trace
     * pipeline's {@code update_broadcast} did): runs that started with it debounced replay with
     * their recorded delay and the job id the reactor still gives.
     */
    @Test
    void aRunThatDebouncedAReactorReplaysAfterItBecameOncePerBatchAndInline() throws Exception {
        List<WorkflowExecutionHistory> runs;
        PipelineRegistry debounced = PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("account_watch", Duration.ofMillis(300), (context, event) -> {}))
                .build());
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(2).withIdleTimeout(Duration.ofMillis(500)),
                recorder -> debounced)) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(harness.entry("acct-batch", i, "b" + i));
                harness.dispatcher.dispatch(List.of(events.get(i))).join();
            }
            harness.awaitStored("acct-batch", FoldHarness.sequential(events));
            var stub = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf("acct-batch").toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> stub.describe().getRawDescription().getWorkflowExecutionInfo()
                    .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-batch").toString());
        }
        assertThat(runs.stream().flatMap(run -> run.getEvents().stream()))
                .as("the debounced reaction waited on a timer").anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED);

        FoldWorkflowReplayTest.replay(runs, PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("account_watch", Duration.ZERO, (context, event) -> {}, true, true))
                .build()));
    }
}
