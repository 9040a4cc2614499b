package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.service.StaleDecisionException;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two web processes (two clients, two writers) write the same streams at once through the
 * aggregates' fold workflows on the real test server: every stream gets seqs 1..n once each,
 * decisions hold across the webs, and events a web stored but never dispatched reach the global
 * folds through catch-up.
 */
class TemporalStreamWriterTest {
    private static final AggregateType ACCOUNT = AggregateType.of("account");
    private static final AggregateType QUEUE = AggregateType.of(TicketPipeline.AGGREGATE_TYPE);

    static PipelineRegistry ledgerAndTickets(LedgerPipeline.BalanceObserver observer) {
        return PipelineRegistry.of(List.of(LedgerPipeline.pipeline(observer), TicketPipeline.pipeline()),
                Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
    }

    @Test
    void twoWebsWritingTheSameStreamsGiveEveryEventItsOwnSeq() throws Exception {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), TemporalStreamWriterTest::ledgerAndTickets);
             WritingWebs webs = new WritingWebs(harness, 2)) {
            int accounts = 20;
            int threads = 4;
            int perWebAndAccount = 10;
            sendConcurrently(webs.services, threads, accounts * perWebAndAccount / threads, (service, i) ->
                    service.send(new Command(FoldHarness.TENANT, LedgerPipeline.NAME, "record_entry", Json.object()
                            .put("accountId", "acct-" + (i % accounts)).put("amount", i).put("memo", "m" + i))));

            List<Event> all = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                List<Event> stream = harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-" + a);
                assertThat(stream).extracting(Event::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perWebAndAccount).boxed().toList());
                harness.awaitStored("acct-" + a, FoldHarness.sequential(stream));
                all.addAll(stream);
            }
            assertThat(all).extracting(Event::id).doesNotHaveDuplicates();
            awaitMonthlyEntries(harness, all.size());
        }
    }

    @Test
    void aDecisionOnHistoryHoldsAcrossWebs() throws Exception {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), TemporalStreamWriterTest::ledgerAndTickets);
             WritingWebs webs = new WritingWebs(harness, 2)) {
            int queues = 4;
            AtomicInteger rejected = new AtomicInteger();
            sendConcurrently(webs.services, 4, 40, (service, i) -> {
                try {
                    service.send(new Command(FoldHarness.TENANT, TicketPipeline.NAME, "take_ticket",
                            Json.object().put("queueId", "q-" + (i % queues))));
                } catch (CommandRejectedException e) {
                    rejected.incrementAndGet(); // decided on a stale history five times: a 409, nothing stored
                }
            });

            long stored = 0;
            for (int q = 0; q < queues; q++) {
                List<Event> stream = harness.eventStore.read(FoldHarness.TENANT, QUEUE, "q-" + q);
                for (Event ticket : stream) {
                    assertThat(ticket.data().path("number").asLong()).as("ticket at seq %d of q-%d", ticket.seq(), q)
                            .isEqualTo(ticket.seq());
                }
                stored += stream.size();
            }
            assertThat(stored + rejected.get()).isEqualTo(2 * 4 * 40);
            assertThat(stored).isGreaterThan(2 * 4 * 40 / 2);
        }
    }

    @Test
    void aStaleExpectationIsRefusedAndNothingIsStored() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), TemporalStreamWriterTest::ledgerAndTickets)) {
            TemporalStreamWriter writer = new TemporalStreamWriter(harness.client(), new EventRouter(harness.registry),
                    TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE),
                    events -> CompletableFuture.completedFuture(null));
            StreamId queue = new StreamId(FoldHarness.TENANT, QUEUE, "q-stale");
            assertThat(writer.write(List.of(ticket("t-1", queue)), Map.of(queue, 0L))).extracting(Event::seq).containsExactly(1L);

            assertThatThrownBy(() -> writer.write(List.of(ticket("t-2", queue)), Map.of(queue, 0L)))
                    .isInstanceOf(StaleDecisionException.class).hasMessageContaining("ends at seq 1");
            assertThat(harness.eventStore.read(queue, 1, 10)).extracting(Event::id).containsExactly("t-1");

            StreamId other = new StreamId(FoldHarness.TENANT, QUEUE, "q-other");
            assertThatThrownBy(() -> writer.write(List.of(ticket("t-3", queue), ticket("t-4", other)), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writes one stream");
        }
    }

    /** An event of 3 MB cannot travel in a write (Temporal refuses payloads over 2 MB): refused by name, nothing stored. */
    @Test
    void aWriteTooLargeForAnUpdateIsRefusedAndNothingIsStored() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), TemporalStreamWriterTest::ledgerAndTickets)) {
            TemporalStreamWriter writer = new TemporalStreamWriter(harness.client(), new EventRouter(harness.registry),
                    TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE),
                    events -> CompletableFuture.completedFuture(null));
            StreamId queue = new StreamId(FoldHarness.TENANT, QUEUE, "q-large");
            NewEvent large = new NewEvent("t-large", queue, System.currentTimeMillis(), "TicketTaken", 1,
                    Json.object().put("number", 1).put("note", "n".repeat(3_000_000)));

            assertThatThrownBy(() -> writer.write(List.of(large), Map.of(queue, 0L)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the events for " + queue).hasMessageContaining("more than one write may carry");
            assertThat(harness.eventStore.read(queue, 1, 10)).isEmpty();
        }
    }

    @Test
    void eventsOfAWebThatDiedAfterTheWriteReachTheGlobalFoldsThroughCatchUp() {
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions(), TemporalStreamWriterTest::ledgerAndTickets);
             Foldwork<TemporalDispatcher> dying = WritingWebs.diesAfterWriting(harness)) {
            for (int i = 0; i < 12; i++) {
                dying.service().send(new Command(FoldHarness.TENANT, LedgerPipeline.NAME, "record_entry",
                        Json.object().put("accountId", "acct-" + (i % 3)).put("amount", i)));
            }
            List<Event> all = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                List<Event> stream = harness.eventStore.read(FoldHarness.TENANT, ACCOUNT, "acct-" + a);
                assertThat(stream).hasSize(4);
                harness.awaitStored("acct-" + a, FoldHarness.sequential(stream)); // the writer folded them itself
                all.addAll(stream);
            }
            assertThat(monthlyEntries(harness, all.get(0))).as("no web dispatched to the global fold").isZero();

            CatchUp catchUp = new CatchUp(new EventRouter(harness.registry), harness.eventStore, harness.foldStore,
                    harness.dispatcher, new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(1), 1_000,
                    Duration.ofSeconds(10)));
            assertThat(catchUp.runOnce().eventsBehind()).isEqualTo(all.size());
            awaitMonthlyEntries(harness, all.size());
        }
    }

    private static NewEvent ticket(String id, StreamId stream) {
        return new NewEvent(id, stream, System.currentTimeMillis(), "TicketTaken", 1, Json.object().put("number", 1));
    }

    @FunctionalInterface
    interface Send {
        void send(EventSourcingService service, int index) throws Exception;
    }

    /** Every web sends {@code perThread} commands from each of {@code threads} threads at once. */
    static void sendConcurrently(List<EventSourcingService> services, int threads, int perThread, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(services.size() * threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (EventSourcingService service : services) {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    sent.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            send.send(service, thread * perThread + i);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long monthlyEntries(FoldHarness harness, Event any) {
        String month = YearMonth.from(Instant.ofEpochMilli(any.timestamp()).atOffset(ZoneOffset.UTC)).toString();
        return harness.foldStore.get(FoldHarness.TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                .map(StoredFold::state).map(s -> s.path("entries").asLong()).orElse(0L);
    }

    /** All test events fall in one or two months; the global fold counts each stored event once. */
    static void awaitMonthlyEntries(FoldHarness harness, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long counted = 0;
            for (String month : List.of(YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString(),
                    YearMonth.now(ZoneOffset.UTC).toString())) {
                counted += harness.foldStore.get(FoldHarness.TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                        .map(s -> s.state().path("entries").asLong()).orElse(0L);
            }
            return counted == expected;
        });
    }
}
