package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reactor with a job id and a delay, in the Temporal mode: a burst that the workflow applies in
 * many batches (one event per batch here) reacts once, with the latest event and state, after
 * the burst went quiet, also across idle completion and continue-as-new.
 */
class ReactorDebounceTest {
    private static final Duration DELAY = Duration.ofSeconds(2);

    private final List<Long> reactedAt = new CopyOnWriteArrayList<>();
    private FoldHarness harness;

    /** The ledger's balance fold with the debounced watcher, which also notes when it reacted. */
    private PipelineRegistry quietLedger(BalanceObserver recorder) {
        BalanceObserver timed = (context, event) -> {
            reactedAt.add(System.currentTimeMillis());
            recorder.seen(context, event);
        };
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch("quiet_balance_watch", DELAY, timed))
                .build());
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aBurstReactsOnceWithTheFinalStateAfterItWentQuiet() {
        harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1).withIdleTimeout(Duration.ofSeconds(1)),
                this::quietLedger);
        List<Event> burst = burst("acct-burst", 8);
        long sentAt = System.currentTimeMillis();
        harness.dispatcher.dispatch(burst).join();

        awaitCompleted("acct-burst");
        assertThat(harness.foldStore.stores.get()).as("one persist per event").isEqualTo(burst.size());
        assertThat(harness.reactions).singleElement().satisfies(reaction -> {
            assertThat(reaction.eventId()).isEqualTo(burst.get(burst.size() - 1).id());
            assertThat(reaction.stateEntries()).isEqualTo(burst.size());
            assertThat(reaction.storedPosition()).isEqualTo(burst.size());
        });
        assertThat(reactedAt.get(0) - sentAt).as("ms from the burst to its reaction").isGreaterThanOrEqualTo(DELAY.toMillis());
    }

    @Test
    void eachAggregateGetsItsOwnReaction() {
        harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1).withIdleTimeout(Duration.ofSeconds(1)),
                this::quietLedger);
        List<Event> a = burst("acct-a", 5);
        List<Event> b = burst("acct-b", 7);
        List<Event> interleaved = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (i < a.size()) {
                interleaved.add(a.get(i));
            }
            interleaved.add(b.get(i));
        }
        harness.dispatcher.dispatch(interleaved).join();

        awaitCompleted("acct-a");
        awaitCompleted("acct-b");
        assertThat(harness.reactions).extracting(FoldHarness.Reaction::eventId, FoldHarness.Reaction::stateEntries)
                .containsExactlyInAnyOrder(
                        tuple(a.get(a.size() - 1).id(), (long) a.size()),
                        tuple(b.get(b.size() - 1).id(), (long) b.size()));
    }

    @Test
    void aReactionPendingWhenTheRunGoesIdleStillRunsBeforeItCompletes() {
        // idle long before the reaction is due: the run waits for it, then completes after its idle time
        harness = new FoldHarness(FoldHarness.quickOptions().withIdleTimeout(Duration.ofMillis(200)),
                this::quietLedger);
        List<Event> burst = burst("acct-idle", 3);
        harness.dispatcher.dispatch(burst).join();

        awaitCompleted("acct-idle");
        assertThat(harness.reactions).singleElement().satisfies(reaction -> {
            assertThat(reaction.eventId()).isEqualTo(burst.get(burst.size() - 1).id());
            assertThat(reaction.stateEntries()).isEqualTo(burst.size());
        });
        assertThat(runsOf("acct-idle")).as("runs").hasSize(1);
    }

    @Test
    void aReactionPendingAtContinueAsNewRunsExactlyOnceInTheNextRun() throws Exception {
        // 3 events per run: the third run ends full with the reaction pending and nothing queued
        harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1).withMaxEventsPerRun(3)
                .withIdleTimeout(Duration.ofSeconds(1)), this::quietLedger);
        List<Event> burst = burst("acct-can", 9);
        harness.dispatcher.dispatch(burst).join();

        awaitCompleted("acct-can");
        assertThat(harness.reactions).singleElement().satisfies(reaction -> {
            assertThat(reaction.eventId()).isEqualTo(burst.get(burst.size() - 1).id());
            assertThat(reaction.stateEntries()).isEqualTo(burst.size());
        });
        List<WorkflowExecutionHistory> runs = runsOf("acct-can");
        assertThat(runs).as("runs").hasSize(4);
        assertThat(runs.get(3).getEvents()).as("the last run applies nothing; it runs the carried reaction")
                .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .singleElement()
                .satisfies(e -> assertThat(e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                        .isEqualTo("RunReactorByRef"));

        FoldWorkflowReplayTest.replay(runs, harness.registry);
    }

    /** Calls that keep coming faster than the delay restart it, but it runs within the most delays it may wait. */
    @Test
    void aSteadyStreamStillReactsWithinTheMaxWait() throws Exception {
        Duration delay = Duration.ofMillis(200);
        harness = new FoldHarness(FoldHarness.quickOptions().withIdleTimeout(Duration.ofSeconds(1)),
                recorder -> PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                        .fold(LedgerPipeline.BALANCE)
                        .reactor(LedgerPipeline.BALANCE, new AccountWatch("steady_balance_watch", delay, recorder))
                        .build()));
        List<Event> stream = burst("acct-steady", 400);
        long started = System.currentTimeMillis();
        int sent = 0;
        while (harness.reactions.isEmpty() && sent < stream.size()) { // an event every 50 ms: the delay never passes
            harness.dispatcher.dispatch(List.of(stream.get(sent++))).join();
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        long waited = System.currentTimeMillis() - started;

        assertThat(harness.reactions).as("reactions while the stream went on").isNotEmpty();
        assertThat(sent).as("events sent until then").isLessThan(stream.size());
        assertThat(waited).as("ms until the first reaction")
                .isLessThan(delay.toMillis() * ReactionPlan.MAX_WAIT_DELAYS + 5_000);
        awaitCompleted("acct-steady");
        FoldWorkflowReplayTest.replay(runsOf("acct-steady"), harness.registry);
    }

    private List<Event> burst(String account, int size) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(harness.entry(account, i + 1, "b" + i));
        }
        return events;
    }

    private void awaitCompleted(String account) {
        var stub = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf(account).toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> stub.describe().getRawDescription().getWorkflowExecutionInfo()
                .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    private List<WorkflowExecutionHistory> runsOf(String account) {
        return FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString());
    }
}
