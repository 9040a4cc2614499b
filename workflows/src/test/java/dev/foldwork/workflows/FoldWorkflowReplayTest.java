package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.worker.FoldWorker;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records real histories (batches, duplicates, lost deliveries filled from the store, a poison
 * event and its skip, continue-as-new, stream writes by update from two webs) and replays them on
 * a worker configured differently: a run replays with the options it recorded, and what its
 * activities read is in the history. Histories recorded by the workflow before it wrote streams
 * (test resources {@code histories/}) replay too.
 */
class FoldWorkflowReplayTest {

    @Test
    void recordedHistoriesReplayDeterministically() throws Exception {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(20).withMaxEventsPerRun(60))) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                events.add(harness.entry("acct-r", i, "e" + i));
            }
            Event poison = harness.entry("acct-r", 1, "poison");
            for (int from = 0; from < events.size(); from += 10) {
                // the batch's second event is lost on the way: the next one makes the workflow read it
                harness.dispatcher.dispatch(List.of(events.get(from)));
                harness.dispatcher.dispatch(events.subList(from + 2, from + 10));
                harness.dispatcher.dispatch(List.of(events.get(from))); // a redelivery
            }
            harness.dispatcher.dispatch(List.of(poison)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-r").parked() != null);
            harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf("acct-r").toString()).skip(poison.id());
            harness.awaitStored("acct-r", FoldHarness.sequential(events));
            // the skipped poison event is consumed too: the checkpoint counts it
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.storedPosition("acct-r") == events.size() + 1);

            histories.addAll(everyRun(harness, FoldHarness.groupOf("acct-r").toString()));
        }
        // a run records one local-activity marker for loading its folds; more are reads of lost events
        assertThat(histories).as("runs that read lost events from the store").anySatisfy(history ->
                assertThat(history.getEvents().stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED).count()).isGreaterThan(1));
        assertThat(histories).hasSizeGreaterThanOrEqualTo(3);

        replay(histories, LedgerPipeline.registry((context, event) -> {}));
    }

    @Test
    void historiesWithStreamWritesReplayDeterministically() throws Exception {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(20).withMaxEventsPerRun(60),
                TemporalStreamWriterTest::ledgerAndTickets);
             WritingWebs webs = new WritingWebs(harness, 2)) {
            TemporalStreamWriterTest.sendConcurrently(webs.services, 2, 50, (service, i) -> {
                service.send(new Command(FoldHarness.TENANT, LedgerPipeline.NAME, "record_entry",
                        Json.object().put("accountId", "acct-w").put("amount", i)));
                try {
                    service.send(new Command(FoldHarness.TENANT, TicketPipeline.NAME, "take_ticket",
                            Json.object().put("queueId", "q-w")));
                } catch (CommandRejectedException e) {
                    // decided on a stale history five times: the refusals are in the histories too
                }
            });
            List<Event> entries = harness.eventStore.read(FoldHarness.TENANT, AggregateType.of("account"), "acct-w");
            harness.awaitStored("acct-w", FoldHarness.sequential(entries));
            histories.addAll(everyRun(harness, FoldHarness.groupOf("acct-w").toString()));
            histories.addAll(everyRun(harness, new FoldGroupId(FoldHarness.TENANT, TicketPipeline.NAME,
                    AggregateType.of(TicketPipeline.AGGREGATE_TYPE), "q-w").toString()));
        }
        assertThat(histories).as("runs that took writes").filteredOn(history -> history.getEvents().stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).hasSizeGreaterThan(2);
        assertThat(histories).as("continued as new").anySatisfy(history -> assertThat(history.getLastEvent().getEventType())
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW));
        replay(histories, TemporalStreamWriterTest.ledgerAndTickets((context, event) -> {}));
    }

    @Test
    void historiesRecordedBeforeStreamWritesStillReplay() throws Exception {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            try (InputStream json = getClass().getResourceAsStream("/histories/ledger-run-" + run + ".json")) {
                histories.add(WorkflowExecutionHistory.fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        replay(histories, LedgerPipeline.registry((context, event) -> {}));
    }

    /** Replays the histories on a worker of {@code registry}: a NonDeterministicException fails the caller. */
    static void replay(List<WorkflowExecutionHistory> histories, PipelineRegistry registry) throws Exception {
        try (TestWorkflowEnvironment replayEnv = TestWorkflowEnvironment.newInstance()) {
            Worker worker = FoldWorker.register(replayEnv.getWorkerFactory(), "replay", registry, new MemoryEventStore(),
                    new MemoryFoldStore(), new MemoryAppendStore(), command -> List.of(), FoldWorkflowOptions.defaults());
            for (WorkflowExecutionHistory history : histories) {
                WorkflowReplayer.replayWorkflowExecution(history, worker);
            }
        }
    }

    /**
     * The histories of a workflow's runs, first to current: walked back from the current run, each
     * run's start naming the run it continued. The walk waits for nothing; a history is read as the
     * server has it (a replay of a history cut short is a replay too).
     */
    static List<WorkflowExecutionHistory> everyRun(FoldHarness harness, String workflowId) {
        String runId = harness.client().newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
        Deque<WorkflowExecutionHistory> runs = new ArrayDeque<>();
        while (!runId.isEmpty()) {
            WorkflowExecutionHistory history = wholeHistory(harness, workflowId, runId);
            runs.addFirst(history);
            runId = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        }
        return new ArrayList<>(runs);
    }

    /** Every page of a run's history: a large history comes in several pages. */
    static WorkflowExecutionHistory wholeHistory(FoldHarness harness, String workflowId, String runId) {
        History.Builder all = History.newBuilder();
        ByteString token = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = harness.client().getWorkflowServiceStubs().blockingStub()
                    .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(harness.client().getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                            .setNextPageToken(token)
                            .build());
            all.addAllEvents(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return new WorkflowExecutionHistory(all.build(), workflowId);
    }
}
