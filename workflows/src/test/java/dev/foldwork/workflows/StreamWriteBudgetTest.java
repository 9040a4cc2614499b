package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.fold.FoldWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A burst of 2,000 commands to one aggregate, written by its fold workflow: what each write costs
 * in history events and bytes, measured on the histories the test server recorded, stays far
 * inside Temporal's limits (51,200 events per run, 2 MB per payload), because a run continues as
 * new after {@link FoldWorkflowImpl#MAX_WRITES_PER_RUN} writes, below the server's 2,000 updates.
 */
class StreamWriteBudgetTest {
    private static final int COMMANDS = 2_000;
    private static final int THREADS = 8;

    @Test
    void aBurstOfWritesToOneAggregateStaysInsideTemporalsLimits() throws Exception {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions());
             WritingWebs webs = new WritingWebs(harness, 1)) {
            AtomicLongArray latencies = new AtomicLongArray(COMMANDS);
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            TemporalStreamWriterTest.sendConcurrently(webs.services, THREADS, COMMANDS / THREADS, (service, i) -> {
                long began = System.nanoTime();
                service.send(new Command(FoldHarness.TENANT, LedgerPipeline.NAME, "record_entry",
                        Json.object().put("accountId", "acct-hot").put("amount", i).put("memo", "burst " + i)));
                latencies.set(sent.getAndIncrement(), System.nanoTime() - began);
            });
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Event> stream = harness.eventStore.read(FoldHarness.TENANT, AggregateType.of("account"), "acct-hot");
            assertThat(stream).extracting(Event::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, COMMANDS).boxed().toList());
            harness.awaitStored("acct-hot", FoldHarness.sequential(stream));

            List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf("acct-hot").toString());
            RunBudgets.measure(runs).assertWithin(RunBudgets.LIMITS, "2,000 writes to one aggregate");
            long events = 0;
            long bytes = 0;
            long updates = 0; // writes, and refusals by a run that was ending (the client sent those again)
            long writes = 0;
            long longestRun = 0;
            long largestEvent = 0;
            for (WorkflowExecutionHistory run : runs) {
                List<HistoryEvent> history = run.getEvents();
                longestRun = Math.max(longestRun, history.size());
                events += history.size();
                for (HistoryEvent event : history) {
                    bytes += event.getSerializedSize();
                    largestEvent = Math.max(largestEvent, event.getSerializedSize());
                    if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
                        updates++;
                    }
                    if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED
                            && event.getWorkflowExecutionUpdateCompletedEventAttributes().getOutcome().hasSuccess()) {
                        writes++;
                    }
                }
            }
            long[] sorted = new long[COMMANDS];
            for (int i = 0; i < COMMANDS; i++) {
                sorted[i] = latencies.get(i);
            }
            Arrays.sort(sorted);
            System.out.printf("BUDGET writes=%d refused_as_ending=%d runs=%d history_events_per_write=%.2f"
                            + " history_bytes_per_write=%.0f longest_run_events=%d largest_history_event_bytes=%d commands_per_s=%.0f"
                            + " latency_p50_ms=%.1f latency_p99_ms=%.1f%n",
                    writes, updates - writes, runs.size(), (double) events / writes, (double) bytes / writes, longestRun, largestEvent,
                    COMMANDS / seconds, sorted[COMMANDS / 2] / 1e6, sorted[COMMANDS * 99 / 100] / 1e6);

            assertThat(writes).as("every command is one successful write").isEqualTo(COMMANDS);
            assertThat(runs.size()).as("runs continued as new").isGreaterThanOrEqualTo(COMMANDS / FoldWorkflowImpl.MAX_WRITES_PER_RUN);
            assertThat(longestRun).as("history events of the longest run").isLessThan(51_200 / 5);
            assertThat(largestEvent).as("bytes of the largest history event (holds any payload)").isLessThan(2_000_000 / 20);
        }
    }
}
