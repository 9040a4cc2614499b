package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.service.CommandReceipt;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.StoreException;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.workflows.client.LocalAppendWatch;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import dev.foldwork.workflows.client.WriteAcceptance;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Writes a command's events are answered for once their stream's writer accepted them by signal
 * ({@link dev.foldwork.core.commands.CommandHandler#acceptsBeforeStoring}): the writer stores them
 * after, in order, each once, projects them and hands them to the global folds; a store that fails
 * holds them until it takes them again, and meanwhile the stream's other writes fail at once.
 */
class AcceptedWritesTest {
    private static final AggregateType ACCOUNT = AggregateType.of("account");

    /** The ledger with {@code record_entry} as ingestion: its events are accepted before they are stored. */
    static PipelineRegistry acceptingLedger(LedgerPipeline.BalanceObserver observer) {
        return acceptingLedger(observer, LedgerPipeline.BALANCE);
    }

    /** As above, with {@code balance} as the account's fold. */
    static PipelineRegistry acceptingLedger(LedgerPipeline.BalanceObserver observer, FoldProjection<Balance> balance) {
        CommandHandler recordEntry = new CommandHandler() {
            @Override
            public List<EventDraft> handle(Payload payload, CommandContext context) {
                return LedgerPipeline.recordEntry(payload);
            }

            @Override
            public boolean acceptsBeforeStoring() {
                return true;
            }
        };
        Pipeline withIngestion = Pipeline.named(LedgerPipeline.NAME).aggregateType(ACCOUNT.value())
                .command("record_entry", recordEntry)
                .command("record_checked_entry", (payload, context) -> {
                    context.history(payload.requiredId("accountId"));
                    return LedgerPipeline.recordEntry(payload);
                })
                .fold(balance)
                .map(LedgerPipeline.ENTRY_LOG)
                .build();
        return PipelineRegistry.of(List.of(withIngestion), Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
    }

    @Test
    void acceptedWritesOfTwoWebsAreStoredInOrderEachOnceFoldedAndCountedGlobally() throws Exception {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), AcceptedWritesTest::acceptingLedger)) {
            List<EventSourcingService> webs = List.of(web(harness), web(harness));
            List<CommandReceipt> receipts = new CopyOnWriteArrayList<>();
            int accounts = 10;
            TemporalStreamWriterTest.sendConcurrently(webs, 4, 25, (service, i) -> receipts.add(service.submit(
                    entry("record_entry", "acct-" + (i % accounts), i))));

            assertThat(receipts).hasSize(200).allSatisfy(receipt -> assertThat(receipt.stored()).isFalse());
            List<Event> all = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                String account = "acct-" + a;
                await().atMost(Duration.ofSeconds(60)).until(() -> harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, account).size() == 20);
                List<Event> stream = harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, account);
                assertThat(stream).extracting(Event::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
                harness.awaitStored(account, FoldHarness.sequential(stream));
                all.addAll(stream);
            }
            assertThat(all).extracting(Event::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(receipts.stream().flatMap(r -> r.eventIds().stream()).toList());
            TemporalStreamWriterTest.awaitMonthlyEntries(harness, all.size());
        }
    }

    /** A client that sent a write again (its first answer was lost) must not store it twice. */
    @Test
    void aWriteAcceptedTwiceIsStoredOnce() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), AcceptedWritesTest::acceptingLedger)) {
            TemporalStreamWriter writer = writer(harness, harness.client());
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, "acct-twice");
            List<NewEvent> first = List.of(newEvent(stream, 5), newEvent(stream, 7));
            List<NewEvent> second = List.of(newEvent(stream, 11));

            assertThat(writer.accept(first)).isFalse();
            assertThat(writer.accept(first)).isFalse();
            assertThat(writer.accept(second)).isFalse();
            awaitBalance(harness, "acct-twice", 23, 3);
            assertThat(writer.accept(first)).isFalse(); // also after it was stored
            List<NewEvent> third = List.of(newEvent(stream, 13)); // signals are handled in order: after the repeat
            assertThat(writer.accept(third)).isFalse();
            awaitBalance(harness, "acct-twice", 36, 4);

            assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-twice")).extracting(Event::id)
                    .containsExactly(first.get(0).id(), first.get(1).id(), second.get(0).id(), third.get(0).id());
        }
    }

    /**
     * Signals that reach the run while it appends arrive in one workflow task: a repeat handled
     * while its original is being appended (no longer waiting, not yet remembered) is still a repeat.
     */
    @Test
    void aRepeatThatArrivesWhileItsOriginalIsAppendedIsStoredOnce() {
        AtomicReference<SwitchableEventStore> switchable = new AtomicReference<>();
        try (FoldHarness harness = switchableHarness(switchable, UnaryOperator.identity())) {
            SwitchableEventStore store = switchable.get();
            TemporalStreamWriter writer = writer(harness, harness.client());
            StreamId stream = new StreamId(FoldHarness.TENANT, ACCOUNT, "acct-in-flight");
            List<NewEvent> opening = List.of(newEvent(stream, 1));
            List<NewEvent> first = List.of(newEvent(stream, 5), newEvent(stream, 7));
            List<NewEvent> second = List.of(newEvent(stream, 11));

            store.held = new CountDownLatch(1);
            writer.accept(opening);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.heldAppends.get() == 1);
            writer.accept(first); // these three wait for the held append's workflow task to end
            writer.accept(first);
            writer.accept(second);
            CountDownLatch held = store.held;
            store.held = null;
            held.countDown();
            awaitBalance(harness, "acct-in-flight", 24, 4);

            assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-in-flight")).extracting(Event::id)
                    .containsExactly(opening.get(0).id(), first.get(0).id(), first.get(1).id(), second.get(0).id());
        }
    }

    @Test
    void whileTheStoreFailsAcceptedWritesWaitAndTheStreamsOtherWritesFailAtOnce() throws Exception {
        AtomicReference<SwitchableEventStore> switchable = new AtomicReference<>();
        try (FoldHarness harness = switchableHarness(switchable, UnaryOperator.identity())) {
            SwitchableEventStore store = switchable.get();
            EventSourcingService web = web(harness);
            web.submit(entry("record_entry", "acct-down", 1));
            awaitBalance(harness, "acct-down", 1, 1);

            store.down = true;
            for (int i = 2; i <= 6; i++) {
                assertThat(web.submit(entry("record_entry", "acct-down", i)).stored()).isFalse();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.refusedAppends.get() >= 2);
            // a command that decides on the stream is written, not accepted: it cannot go past the waiting events
            assertThatThrownBy(() -> web.submit(entry("record_checked_entry", "acct-down", 100)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("accepted events wait to be stored");
            assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-down")).hasSize(1);

            store.down = false;
            awaitBalance(harness, "acct-down", 21, 6);
            assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-down")).extracting(Event::seq)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            web.submit(entry("record_checked_entry", "acct-down", 100));
            awaitBalance(harness, "acct-down", 121, 7);
        }
    }

    /**
     * A process that is web and worker on a test server of its own (the embedded default) sends
     * ingestion writes by signal and answers once its worker stored them: the events are in the
     * store when the call returns. With the store down the call fails after its wait, naming why,
     * and the write is stored once the store is back.
     */
    @Test
    void aWebBesideItsWorkerAnswersAnAcceptedWriteOnceItsWorkerStoredIt() {
        LocalAppendWatch watch = new LocalAppendWatch();
        AtomicReference<SwitchableEventStore> switchable = new AtomicReference<>();
        try (FoldHarness harness = switchableHarness(switchable, watch::watching)) {
            EventSourcingService web = web(harness, harness.client(), WriteAcceptance.whenStoredBy(watch, Duration.ofSeconds(3)));
            for (int i = 1; i <= 5; i++) {
                CommandReceipt receipt = web.submit(entry("record_entry", "acct-here", i));
                assertThat(receipt.stored()).isTrue();
                assertThat(harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-here")).extracting(Event::id)
                        .endsWith(receipt.eventIds().get(0)).hasSize(i);
            }

            switchable.get().down = true;
            assertThatThrownBy(() -> web.submit(entry("record_entry", "acct-here", 6)))
                    .isInstanceOf(AcceptedNotStoredException.class).hasMessageContaining("accepted but not stored within 3 s");
            switchable.get().down = false;
            awaitBalance(harness, "acct-here", 21, 6);
        }
    }

    /** A harness whose worker stores through a switchable store (set in {@code store}), wrapped by {@code outer}. */
    private static FoldHarness switchableHarness(AtomicReference<SwitchableEventStore> store, UnaryOperator<EventStore> outer) {
        return new FoldHarness(FoldHarness.quickOptions(), AcceptedWritesTest::acceptingLedger, inner -> {
            store.set(new SwitchableEventStore(inner));
            return outer.apply(store.get());
        });
    }

    static void awaitBalance(FoldHarness harness, String account, long balance, long entries) {
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.stored(account)
                .filter(stored -> stored.balance() == balance && stored.entries() == entries).isPresent());
    }

    private static Command entry(String command, String account, long amount) {
        return new Command(FoldHarness.TENANT, LedgerPipeline.NAME, command, Json.object()
                .put("accountId", account).put("amount", amount).put("memo", "m" + amount));
    }

    static NewEvent newEvent(StreamId stream, long amount) {
        EventIds.Stamp stamp = new EventIds(Clock.systemUTC()).next();
        return new NewEvent(stamp.id(), stream, stamp.timestamp(), "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine(stream.aggregateId(), amount, "m")));
    }

    /** A web process of its own, answering accepted writes once Temporal recorded them. */
    private static EventSourcingService web(FoldHarness harness) {
        return web(harness, WritingWebs.newClient(harness), WriteAcceptance.whenSignalled());
    }

    private static EventSourcingService web(FoldHarness harness, WorkflowClient client, WriteAcceptance acceptance) {
        return new EventSourcingService(harness.registry, harness.eventStore, writer(harness, client, acceptance),
                new EventIds(Clock.systemUTC()));
    }

    private static TemporalStreamWriter writer(FoldHarness harness, WorkflowClient client) {
        return writer(harness, client, WriteAcceptance.whenSignalled());
    }

    private static TemporalStreamWriter writer(FoldHarness harness, WorkflowClient client, WriteAcceptance acceptance) {
        return new TemporalStreamWriter(client, new EventRouter(harness.registry),
                TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE), events -> {
                    throw new IllegalStateException("accepted writes reach the global folds from the worker, not the web");
                }, acceptance);
    }
}
