package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A workflow task that fails after its in-task persist (here the fold stalls the workflow thread
 * past the worker's deadlock detection, 1 s, as a loaded machine does) is retried, and its local
 * activities run again. A new run loads its folds' states in its first task: had that task also
 * persisted a batch, the retried load would read the state the failed task stored, the folds would
 * skip the batch as applied, and its reactions, whose activities the failed task never got to
 * schedule, would be lost.
 */
class RetriedWorkflowTaskTest {
    private static final String INLINE = "inline_watch";

    @Test
    void aRunsFirstTaskRetriedAfterItsPersistStillReactsToAndMapsTheBatch() throws Exception {
        StallingAtSecond balance = new StallingAtSecond();
        List<String> inlineReactions = new CopyOnWriteArrayList<>();
        String account = "acct-retried-persist";
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1)
                .withIdleTimeout(Duration.ofMillis(500)), observer -> ledger(balance, observer, inlineReactions))) {
            List<Event> sent = List.of(harness.entry(account, 5, "a"), harness.entry(account, 7, "b"));
            harness.dispatcher.dispatch(sent).join(); // one signal starts the run: both batches wait for its first task
            awaitCompleted(harness, account); // a run ends after its maps and reactions
            List<String> ids = sent.stream().map(Event::id).toList();

            assertThat(balance.stalled).as("the fold stalled the task after the first batch's persist").isTrue();
            assertThat(harness.stored(account)).hasValue(FoldHarness.sequential(sent));
            assertThat(harness.reactions).extracting(FoldHarness.Reaction::eventId)
                    .as("the activity reactor's calls").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(inlineReactions).as("the inline reactor's calls (at least once)").containsAll(ids);
            assertThat(harness.appendStore.read(FoldHarness.TENANT, LedgerPipeline.ENTRY_LOG.name(), account))
                    .extracting(MapRecord::eventId).as("the map's records").containsExactlyInAnyOrderElementsOf(ids);
            FoldWorkflowReplayTest.replay(FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString()),
                    harness.registry);
        }
    }

    /** The ledger with {@code balance} as its fold, its map and reactor, and an inline reactor that records into {@code inline}. */
    private static PipelineRegistry ledger(FoldProjection<Balance> balance, BalanceObserver observer, List<String> inline) {
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .fold(balance)
                .map(LedgerPipeline.ENTRY_LOG)
                .reactor(balance, new LedgerPipeline.BalanceReactor(observer))
                .reactor(balance, new AccountWatch(INLINE, Duration.ZERO, (context, event) -> inline.add(event.id()), true))
                .build());
    }

    private static void awaitCompleted(FoldHarness harness, String account) {
        WorkflowStub run = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf(account).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> run.describe().getRawDescription().getWorkflowExecutionInfo()
                .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    /** The ledger's balance fold, whose first apply of seq 2 stalls its workflow thread past the deadlock detection (1 s). */
    private static final class StallingAtSecond implements FoldProjection<Balance> {
        final AtomicBoolean stalled = new AtomicBoolean();

        @Override
        public String name() {
            return LedgerPipeline.BALANCE.name();
        }

        @Override
        public Class<Balance> stateType() {
            return Balance.class;
        }

        @Override
        public Balance init() {
            return LedgerPipeline.BALANCE.init();
        }

        @Override
        public Balance apply(Balance state, Event event) {
            if (event.seq() == 2 && stalled.compareAndSet(false, true)) {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return LedgerPipeline.BALANCE.apply(state, event);
        }
    }
}
