package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.StrictCountFold;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.workflows.fold.FoldWorkflowImpl;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FoldWorkflowTest {
    private FoldHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aFoldFarBehindReadsTheStoreOverSeveralBatchesWithinTheReadBudget() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(harness.entry("acct-far", i, "m".repeat(1_000))); // stored, never delivered
        }
        harness.dispatcher.dispatch(List.of(events.get(events.size() - 1))).join();

        harness.awaitStored("acct-far", FoldHarness.sequential(events));
        // a persist inside the task stores before the task completes: wait for the history to show it
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-far").applied() == events.size());
        // each batch read at most its budget: the aggregate's fold alone persisted once per step
        String workflowId = FoldHarness.groupOf("acct-far").toString();
        List<io.temporal.common.WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, workflowId);
        // a persist is an activity in runs recorded before persist-and-map-in-the-task, a local activity's marker since
        long persists = runs.stream().flatMap(run -> run.getEvents().stream())
                .filter(e -> e.hasActivityTaskScheduledEventAttributes()
                        && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("StoreFoldState")
                        || e.hasMarkerRecordedEventAttributes() && e.getMarkerRecordedEventAttributes().getDetailsMap()
                                .getOrDefault("type", io.temporal.api.common.v1.Payloads.getDefaultInstance())
                                .toString().contains("StoreFoldState"))
                .count();
        assertThat(persists).isGreaterThanOrEqualTo(events.size() / FoldWorkflowImpl.READ_BUDGET_PER_BATCH);
        assertThat(runs).allSatisfy(run -> assertThat(run.getHistory().getSerializedSize()).as("a run's history bytes")
                .isLessThan(8 << 20));
    }

    @Test
    void appliesEventsInDispatchOrderAndPersistsFarFewerTimesThanEvents() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        List<Event> events = new ArrayList<>();
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Event event = harness.entry("acct-1", i * 7L % 101 - 50, "e" + i);
            events.add(event);
            accepted.add(harness.dispatcher.dispatch(List.of(event)));
        }
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).join();

        harness.awaitStored("acct-1", FoldHarness.sequential(events));
        // every event also reaches the global monthly fold; both together stay far below one store per event
        assertThat(harness.foldStore.stores.get()).isLessThan(events.size() / 10);
    }

    @Test
    void loseNothingAcrossContinueAsNewEvery500Events() {
        harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(100).withMaxEventsPerRun(500));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            events.add(harness.entry("acct-can", i % 13, "e" + i));
        }
        for (int from = 0; from < events.size(); from += 50) {
            harness.dispatcher.dispatch(events.subList(from, from + 50));
        }

        harness.awaitStored("acct-can", FoldHarness.sequential(events));
        WorkflowExecutionDescription description = harness.client()
                .newUntypedWorkflowStub(FoldHarness.groupOf("acct-can").toString()).describe();
        String firstRun = description.getRawDescription().getWorkflowExecutionInfo().getFirstRunId();
        assertThat(description.getExecution().getRunId()).isNotEqualTo(firstRun);
        // a persist inside the task stores before the task completes, and a query sees completed tasks
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-can").applied() == 5_000);
        assertThat(harness.appendStore.read(FoldHarness.TENANT, LedgerPipeline.ENTRY_LOG.name(), "acct-can")).hasSize(5_000);
    }

    @Test
    void eventsRacingTheIdleCompletionAreNeverLost() {
        harness = new FoldHarness(FoldHarness.quickOptions().withIdleTimeout(Duration.ofMillis(30)));
        List<List<Event>> perAccount = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            perAccount.add(new ArrayList<>());
        }
        // bursts separated by pauses close to the idle time, so runs complete while events arrive
        for (int round = 0; round < 40; round++) {
            for (int a = 0; a < 10; a++) {
                Event event = harness.entry("acct-" + a, round + a, "r" + round);
                perAccount.get(a).add(event);
                harness.dispatcher.dispatch(List.of(event)).join();
            }
            long pauseUntil = System.nanoTime() + Duration.ofMillis(20 + round % 4 * 5).toNanos();
            await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= pauseUntil);
        }
        for (int a = 0; a < 10; a++) {
            harness.awaitStored("acct-" + a, FoldHarness.sequential(perAccount.get(a)));
        }
        // runs did complete and restart on the way: each fresh run loads the state again
        assertThat(harness.foldStore.loads.get()).isGreaterThan(20);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        Event first = harness.entry("acct-dup", 5, "a");
        Event second = harness.entry("acct-dup", 7, "b");
        Event third = harness.entry("acct-dup", 11, "c");
        harness.dispatcher.dispatch(List.of(first, second)).join();
        harness.dispatcher.dispatch(List.of(second, first)).join();
        harness.dispatcher.dispatch(List.of(third, third)).join();
        harness.dispatcher.dispatch(List.of(second)).join();

        Balance expected = FoldHarness.sequential(List.of(first, second, third));
        harness.awaitStored("acct-dup", expected);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-dup").applied() == 3);
        assertThat(harness.stored("acct-dup")).contains(expected);
        assertThat(harness.appendStore.read(FoldHarness.TENANT, LedgerPipeline.ENTRY_LOG.name(), "acct-dup")).hasSize(3);
    }

    @Test
    void reactorsRunAfterTheirFoldPersistedAndEveryMapRecordArrives() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        List<Event> events = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            for (int i = 0; i < 15; i++) {
                events.add(harness.entry("acct-" + a, i, "m" + i));
            }
        }
        for (Event event : events) {
            harness.dispatcher.dispatch(List.of(event));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.reactions.size() >= events.size());
        for (FoldHarness.Reaction reaction : harness.reactions) {
            assertThat(reaction.storedPosition()).as("stored position when %s reacted", reaction.eventId())
                    .isGreaterThanOrEqualTo(reaction.stateEntries());
        }
        assertThat(harness.reactions.stream().map(FoldHarness.Reaction::eventId).distinct())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::id).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, 20).allMatch(a ->
                harness.appendStore.read(FoldHarness.TENANT, LedgerPipeline.ENTRY_LOG.name(), "acct-" + a).size() == 15));
        for (int a = 0; a < 20; a++) {
            assertThat(harness.appendStore.read(FoldHarness.TENANT, LedgerPipeline.ENTRY_LOG.name(), "acct-" + a)).hasSize(15);
        }
    }

    @Test
    void aReactorNeverRunsAfterAPersistThatFailedForGood() {
        harness = new FoldHarness(FoldHarness.quickOptions().withActivities(FoldHarness.quickOptions().activities()
                .withAttempts(3, 20, 3)));
        harness.foldStore.failingKeys.add("acct-doomed");
        Event doomed = harness.entry("acct-doomed", 3, "x");
        Event fine = harness.entry("acct-fine", 4, "y");
        harness.dispatcher.dispatch(List.of(doomed, fine)).join();

        harness.awaitStored("acct-fine", FoldHarness.sequential(List.of(fine)));
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-doomed").parked() != null);
        FoldView view = harness.view("acct-doomed");
        assertThat(view.parked().reason()).contains("persisting failed").contains("refuses acct-doomed");
        assertThat(harness.stored("acct-doomed")).isEmpty();
        assertThat(harness.reactions).extracting(FoldHarness.Reaction::accountId).doesNotContain("acct-doomed");

        FoldWorkflow workflow = harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf("acct-doomed").toString());
        assertThat(view.parked().cause()).isEqualTo(Parked.Cause.PERSIST_FAILED);
        assertThatThrownBy(() -> workflow.skipParked(doomed.id())).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("parked because persisting failed").hasMessageContaining("only a retry");

        // the store recovers; the operator retries; the state lands and then the reactor runs
        harness.foldStore.failingKeys.clear();
        assertThat(workflow.retryParked()).contains("retrying " + doomed.id());
        harness.awaitStored("acct-doomed", FoldHarness.sequential(List.of(doomed)));
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.reactions.stream().anyMatch(r -> r.eventId().equals(doomed.id())));
    }

    @Test
    void theQueryShowsEachFoldStateAndTheLastAppliedEvent() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        Event a = harness.entry("acct-q", 10, "first");
        Event b = harness.entry("acct-q", 32, "second");
        harness.dispatcher.dispatch(List.of(a, b)).join();
        harness.awaitStored("acct-q", FoldHarness.sequential(List.of(a, b)));

        FoldView view = harness.view("acct-q");
        assertThat(view.group()).isEqualTo("fold:acme:account:acct-q");
        assertThat(view.states().get("account_balance").path("balance").asLong()).isEqualTo(42);
        assertThat(view.states().get("account_balance").path("lastMemo").asText()).isEqualTo("second");
        assertThat(view.lastEventId()).isEqualTo(b.id());
        assertThat(view.lastEventType()).isEqualTo("EntryRecorded");
        assertThat(view.applied()).isEqualTo(2);
        assertThat(view.parked()).isNull();
    }

    @Test
    void searchAttributesAndDetailsShowInDescribe() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        Event event = harness.entry("acct-sa", 1, "x");
        harness.dispatcher.dispatch(List.of(event)).join();
        harness.awaitStored("acct-sa", FoldHarness.sequential(List.of(event)));

        WorkflowStub stub = harness.client().newUntypedWorkflowStub("fold:acme:account:acct-sa");
        var attributes = stub.describe().getTypedSearchAttributes();
        assertThat(attributes.get(FoldSearchAttributes.TENANT_ID)).isEqualTo("acme");
        assertThat(attributes.get(FoldSearchAttributes.PIPELINE)).isEqualTo("ledger");
        assertThat(attributes.get(FoldSearchAttributes.AGGREGATE_TYPE)).isEqualTo("account");
        assertThat(attributes.get(FoldSearchAttributes.AGGREGATE_ID)).isEqualTo("acct-sa");
        await().atMost(Duration.ofSeconds(10)).until(() -> stub.query("__temporal_workflow_metadata", WorkflowMetadata.class)
                .getCurrentDetails().startsWith("applied 1 events; last " + event.id() + " (EntryRecorded)"));
    }

    @Test
    void aPoisonEventParksOnlyItsAggregateUntilSkipped() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        Event before = harness.entry("acct-bad", 5, "fine");
        Event poison = harness.entry("acct-bad", 100, "poison");
        Event after = harness.entry("acct-bad", 7, "later");
        Event other = harness.entry("acct-good", 9, "ok");
        harness.dispatcher.dispatch(List.of(before)).join();
        harness.awaitStored("acct-bad", FoldHarness.sequential(List.of(before)));
        harness.dispatcher.dispatch(List.of(poison, other)).join();
        harness.dispatcher.dispatch(List.of(after)).join();

        harness.awaitStored("acct-good", FoldHarness.sequential(List.of(other)));
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-bad").parked() != null);
        FoldView parked = harness.view("acct-bad");
        assertThat(parked.parked().eventId()).isEqualTo(poison.id());
        assertThat(parked.parked().fold()).isEqualTo("account_balance");
        assertThat(parked.parked().reason()).contains("poison entry");
        assertThat(parked.states().get("account_balance").path("balance").asLong()).isEqualTo(5);
        assertThat(harness.stored("acct-bad")).contains(FoldHarness.sequential(List.of(before)));

        WorkflowStub untyped = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf("acct-bad").toString());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Boolean.TRUE.equals(untyped.describe().getTypedSearchAttributes().get(FoldSearchAttributes.PARKED)));
        assertThat(untyped.describe().getTypedSearchAttributes().get(FoldSearchAttributes.PARKED_REASON))
                .contains("account_balance at " + poison.id()).contains("poison entry");
        FoldWorkflow workflow = harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf("acct-bad").toString());
        assertThatThrownBy(() -> workflow.skipParked(after.id())).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("is parked at " + poison.id() + ", not at " + after.id());

        assertThat(workflow.skipParked(poison.id())).contains("skipping " + poison.id());
        harness.awaitStored("acct-bad", FoldHarness.sequential(List.of(before, after)));
        assertThat(harness.view("acct-bad").parked()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Boolean.FALSE.equals(untyped.describe().getTypedSearchAttributes().get(FoldSearchAttributes.PARKED)));
        assertThatThrownBy(workflow::retryParked).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("is not parked");
    }

    @Test
    void anEventPoisonForTwoFoldsIsSkippedByEachInTurn() {
        harness = new FoldHarness(FoldHarness.quickOptions(), StrictCountFold::ledgerWithBoth);
        Event before = harness.entry("acct-two", 5, "fine");
        Event poison = harness.entry("acct-two", 100, "poison");
        Event after = harness.entry("acct-two", 7, "later");
        harness.dispatcher.dispatch(List.of(before, poison, after)).join();
        FoldWorkflow workflow = harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf("acct-two").toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-two").parked() != null);
        assertThat(harness.view("acct-two").parked().fold()).isEqualTo(LedgerPipeline.BALANCE.name());
        workflow.skipParked(poison.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.view("acct-two").parked() != null
                && harness.view("acct-two").parked().fold().equals(StrictCountFold.STRICT_COUNT.name()));
        workflow.skipParked(poison.id());

        harness.awaitStored("acct-two", FoldHarness.sequential(List.of(before, after)));
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.foldStore
                .get(FoldHarness.TENANT, StrictCountFold.STRICT_COUNT.name(), "acct-two")
                .map(s -> s.version() == 3 && s.state().path("entries").asLong() == 2).orElse(false));
        assertThat(harness.view("acct-two").parked()).isNull();
    }

    @Test
    void theGlobalFoldSeesEveryEventOfItsTenant() {
        harness = new FoldHarness(FoldHarness.quickOptions());
        long total = 0;
        for (int i = 0; i < 300; i++) {
            Event event = harness.entry("acct-" + i % 30, i, "g");
            total += i;
            harness.dispatcher.dispatch(List.of(event));
        }
        long expectedTotal = total;
        String month = java.time.Instant.now().atZone(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.foldStore
                .get(FoldHarness.TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                .map(s -> s.state().path("entries").asLong() == 300 && s.state().path("total").asLong() == expectedTotal)
                .orElse(false));
    }
}
