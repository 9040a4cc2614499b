package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A workflow task that fails after a local activity changed a store (here the fold stalls the
 * workflow thread past the worker's deadlock detection, 1 s, as a loaded machine does) is retried,
 * and its local activities run again: what they read must not depend on what the failed task
 * wrote. A new run loads its folds' states in its first task: had that task also persisted a
 * batch, the retried load would read the state the failed task stored, the folds would skip the
 * batch as applied, and its reactions, whose activities the failed task never got to schedule,
 * would be lost. A new run reads where its stream ends: had that task also appended, the retry
 * would store the same events again after them.
 */
class RetriedWorkflowTaskTest {
    private static final String INLINE = "inline_watch";
    private static final AggregateType ACCOUNT = AggregateType.of("account");

    @Test
    void aRunsFirstTaskRetriedAfterItsPersistStillReactsToAndMapsTheBatch() throws Exception {
        StallingBalance balance = new StallingBalance(event -> event.seq() == 2);
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

    /**
     * A write to a new run whose first batch stalls the workflow thread past the deadlock detection
     * (as a loaded machine does): the retried task stores nothing again, however the run places its
     * end read, append and first batch in tasks. When they shared one task, the retry read an end
     * that held its own lost append and stored the events again under the next seqs. Accepted writes
     * (by signal) and written ones (by update) alike.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWorkflowTaskRetriedAfterItsAppendStoresTheWriteOnce(boolean accepted) {
        StallingBalance balance = new StallingBalance(event -> true);
        AppendLog appends = new AppendLog();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(),
                observer -> AcceptedWritesTest.acceptingLedger(observer, balance), store -> appends.recording(store))) {
            Consumer<NewEvent> send = sender(harness, accepted);
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, "acct-retried");
            NewEvent first = AcceptedWritesTest.newEvent(stream, 5);
            NewEvent second = AcceptedWritesTest.newEvent(stream, 7);

            send.accept(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.stored("acct-retried").isPresent()); // by the retried task
            assertThat(balance.stalled).isTrue();
            assertThat(appends.seqsOf(first.id())).as("the seqs the first event was appended at").containsExactly(1L);

            send.accept(second);
            AcceptedWritesTest.awaitBalance(harness, "acct-retried", 12, 2);
            assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-retried")).extracting(Event::id)
                    .containsExactly(first.id(), second.id());
            TemporalStreamWriterTest.awaitMonthlyEntries(harness, 2);
        }
    }

    /**
     * A workflow task that appended and then was lost (a crash, a worker stalled past its deadlock
     * detection) is retried with its local activities run again: the store holds the write's
     * events, the run's history does not. Here the store holds them before the write reaches its
     * new run, which is what that retry meets. Read plainly, the stream's end would include them,
     * and the same events would be stored again under the next seqs and handed to the global folds
     * again (billing counted an ingested span twice). The run finds them at the stream's tail and
     * goes on at their seqs. Accepted writes (by signal) and written ones (by update) alike.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWriteWhoseAppendLandedInALostTaskIsStoredOnceAtItsSeqs(boolean accepted) {
        AppendLog appends = new AppendLog();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), AcceptedWritesTest::acceptingLedger,
                store -> appends.recording(store))) {
            Consumer<NewEvent> send = sender(harness, accepted);
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, "acct-landed");
            NewEvent first = AcceptedWritesTest.newEvent(stream, 5);
            NewEvent second = AcceptedWritesTest.newEvent(stream, 7);
            harness.eventStore.append(FoldHarness.TENANT, List.of(first.at(1))); // the lost task's append

            send.accept(first);
            send.accept(second);
            AcceptedWritesTest.awaitBalance(harness, "acct-landed", 12, 2);
            assertThat(harness.eventStore.read(stream, 1, 10)).extracting(Event::id, Event::seq)
                    .containsExactly(tuple(first.id(), 1L), tuple(second.id(), 2L));
            assertThat(appends.seqsOf(first.id())).as("the worker's appends of the landed event").isEmpty();
            TemporalStreamWriterTest.awaitMonthlyEntries(harness, 2);
        }
    }

    /**
     * As above, where the lost task appended two writes, one after the other: signal handlers
     * commit one at a time, so the retry's first group is the first write alone, and the landed
     * events behind it are more than that group. Looking back only the group's size, the run missed
     * the landed write and stored both again under new seqs (38 to 138 events per run in the split
     * deployment of the service benchmark).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesWhoseAppendsLandedOneAfterTheOtherInALostTaskAreStoredOnce(boolean accepted) {
        AppendLog appends = new AppendLog();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), AcceptedWritesTest::acceptingLedger,
                store -> appends.recording(store))) {
            Consumer<NewEvent> send = sender(harness, accepted);
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, "acct-landed-twice");
            NewEvent first = AcceptedWritesTest.newEvent(stream, 5);
            NewEvent second = AcceptedWritesTest.newEvent(stream, 7);
            harness.eventStore.append(FoldHarness.TENANT, List.of(first.at(1)));
            harness.eventStore.append(FoldHarness.TENANT, List.of(second.at(2))); // the lost task's two appends

            send.accept(first);
            send.accept(second);
            AcceptedWritesTest.awaitBalance(harness, "acct-landed-twice", 12, 2);
            assertThat(appends.seqsOf(first.id())).as("the worker's appends of the first landed event").isEmpty();
            assertThat(appends.seqsOf(second.id())).as("the worker's appends of the second").isEmpty();
            TemporalStreamWriterTest.awaitMonthlyEntries(harness, 2);
        }
    }

    /**
     * A task that reads the stream's end and then appends more than that read looks back over (two
     * accepted writes of 300 events, which commit one after the other, against a window of 500)
     * could be lost after both appends: its retry would look for the first write among the last 500
     * events, miss it and store both writes again under new seqs. So the task ends before the
     * append that would pass the window: its history records the read with one append, and a loss
     * after that (here at the second write's first event) retries the second append alone, at the
     * seqs it had.
     */
    @Test
    void aTaskThatReadTheStreamsEndAppendsNoFurtherThanTheReadLooksBack() throws Exception {
        int size = 300; // two writes pass the window of 500
        AppendLog appends = new AppendLog();
        StallingBalance balance = new StallingBalance(event -> event.seq() == 2 + size); // the second write's first event
        AtomicBoolean readsFail = new AtomicBoolean();
        AtomicInteger failedReads = new AtomicInteger();
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(),
                observer -> AcceptedWritesTest.acceptingLedger(observer, balance),
                store -> new ForwardingEventStore(appends.recording(store)) {
                    @Override
                    public long lastSeq(StreamId stream) {
                        if (readsFail.get()) {
                            failedReads.incrementAndGet();
                            throw new IllegalStateException("the store cannot be read now");
                        }
                        return super.lastSeq(stream);
                    }
                })) {
            String account = "acct-long-task";
            Event delivered = harness.send(account, 1, "delivered"); // starts the run; its writer has not read the end yet
            AcceptedWritesTest.awaitBalance(harness, account, 1, 1);
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, account);
            List<NewEvent> first = entries(stream, size);
            List<NewEvent> second = entries(stream, size);
            TemporalStreamWriter writer = writer(harness);

            // The first write's read of the stream's end fails (every attempt), so it waits 1 s and the second write
            // arrives meanwhile: the retry reads the end and commits both, one after the other, in one task.
            readsFail.set(true);
            writer.accept(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedReads.get() >= 3);
            writer.accept(second);
            readsFail.set(false);

            long entries = 1 + 2L * size;
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.stored(account)
                    .filter(stored -> stored.entries() >= entries).isPresent());
            assertThat(balance.stalled).as("a task was lost after the second write's append").isTrue();
            List<String> ids = new ArrayList<>(List.of(delivered.id()));
            Stream.concat(first.stream(), second.stream()).forEach(event -> ids.add(event.id()));
            assertThat(harness.eventStore.read(stream, 1, 10 * size)).extracting(Event::id).as("each event once, in order")
                    .containsExactlyElementsOf(ids);
            assertThat(harness.stored(account)).get().extracting(Balance::entries).isEqualTo(entries);
            List<WorkflowExecutionHistory> runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString());
            assertThat(appendsInTheTaskThatReadTheEnd(runs)).as("appends recorded by the task that read the stream's end")
                    .isEqualTo(1);
            FoldWorkflowReplayTest.replay(runs, harness.registry);
        }
    }

    /** The most appends (local activity markers) recorded by one workflow task that also read the stream's end. */
    private static long appendsInTheTaskThatReadTheEnd(List<WorkflowExecutionHistory> runs) {
        long most = 0;
        for (WorkflowExecutionHistory run : runs) {
            long appends = 0;
            boolean read = false;
            for (HistoryEvent event : run.getEvents()) {
                if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                    most = read ? Math.max(most, appends) : most;
                    appends = 0;
                    read = false;
                }
                String activity = event.hasMarkerRecordedEventAttributes()
                        && event.getMarkerRecordedEventAttributes().getDetailsMap().containsKey("type")
                        ? event.getMarkerRecordedEventAttributes().getDetailsMap().get("type").getPayloads(0).getData().toStringUtf8()
                        : "";
                read |= activity.equals("\"StreamEndBeforeWrite\"");
                appends += activity.equals("\"AppendAcceptedEvents\"") ? 1 : 0;
            }
            most = read ? Math.max(most, appends) : most;
        }
        return most;
    }

    private static List<NewEvent> entries(StreamId stream, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(AcceptedWritesTest.newEvent(stream, 1));
        }
        return events;
    }

    private static TemporalStreamWriter writer(FoldHarness harness) {
        return new TemporalStreamWriter(harness.client(), new EventRouter(harness.registry),
                TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE), harness.dispatcher.toGlobalFolds());
    }

    /** Sends one event through a web's stream writer: accepted (by signal) or written (by update, which answers it stored). */
    private static Consumer<NewEvent> sender(FoldHarness harness, boolean accepted) {
        TemporalStreamWriter writer = writer(harness);
        return event -> {
            if (accepted) {
                writer.accept(List.of(event));
            } else {
                assertThat(writer.write(List.of(event), Map.of())).extracting(Event::id).containsExactly(event.id());
            }
        };
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

    /** Every event the worker appended, by id: the seqs it was appended at. */
    private static final class AppendLog {
        private final Map<String, List<Long>> seqs = new ConcurrentHashMap<>();

        EventStore recording(EventStore store) {
            return new ForwardingEventStore(store) {
                @Override
                public void append(TenantId tenantId, List<Event> events) {
                    super.append(tenantId, events);
                    events.forEach(event -> seqs.computeIfAbsent(event.id(), id -> new CopyOnWriteArrayList<>()).add(event.seq()));
                }
            };
        }

        List<Long> seqsOf(String eventId) {
            return seqs.getOrDefault(eventId, List.of());
        }
    }
}
