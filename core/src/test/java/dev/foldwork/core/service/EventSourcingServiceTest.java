package dev.foldwork.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.testing.FlakyStores;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventSourcingServiceTest {
    /** Records what it was handed; can be told to refuse. */
    static final class RecordingDispatcher implements EventDispatcher {
        final List<Event> dispatched = new ArrayList<>();
        RuntimeException refuseWith;

        @Override
        public synchronized CompletableFuture<Void> dispatch(List<Event> events) {
            dispatched.addAll(events);
            return refuseWith == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refuseWith);
        }
    }

    private final PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
    private final MemoryEventStore events = new MemoryEventStore();
    private final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private final EventSourcingService service = new EventSourcingService(registry, events, dispatcher, new EventIds(Clock.systemUTC()));

    @Test
    void storesThenDispatchesAndReturnsTheStoredEvents() {
        List<Event> sent = service.send(Ledger.entry("t1", "acct-1", 42, "hello"));
        assertThat(sent).singleElement().satisfies(e -> {
            assertThat(e.tenantId()).isEqualTo(TenantId.of("t1"));
            assertThat(e.aggregateType()).isEqualTo(Ledger.ACCOUNT);
            assertThat(e.aggregateId()).isEqualTo("acct-1");
            assertThat(e.type()).isEqualTo("EntryRecorded");
            assertThat(e.data().path("amount").asLong()).isEqualTo(42);
        });
        assertThat(events.read(TenantId.of("t1"), Ledger.ACCOUNT, "acct-1")).isEqualTo(sent);
        assertThat(dispatcher.dispatched).isEqualTo(sent);
    }

    @Test
    void invalidPayloadStoresAndDispatchesNothing() {
        Command bad = new Command(TenantId.of("t1"), "ledger", "record_entry", Json.object().put("amount", "lots"));
        assertThatThrownBy(() -> service.send(bad))
                .isInstanceOf(CommandValidationException.class)
                .hasMessage("invalid command: accountId: is required; amount: must be a whole number");
        assertThat(events.aggregateIds(TenantId.of("t1"), Ledger.ACCOUNT)).isEmpty();
        assertThat(dispatcher.dispatched).isEmpty();
    }

    @Test
    void aHandlerThatForgetsToValidateStillCannotStoreBadInput() {
        Pipeline careless = Pipeline.named("careless").command("do_it", (payload, context) -> {
            payload.requiredString("name", 5); // collects an error, never calls validate()
            return List.of(EventDraft.of("x1", "Done", 1, Json.object()));
        }).build();
        EventSourcingService carelessService = new EventSourcingService(PipelineRegistry.of(careless), events, dispatcher,
                new EventIds(Clock.systemUTC()));
        assertThatThrownBy(() -> carelessService.send(new Command(TenantId.of("t1"), "careless", "do_it", Json.object())))
                .isInstanceOf(CommandValidationException.class)
                .hasMessageContaining("name: is required");
        assertThat(dispatcher.dispatched).isEmpty();
    }

    @Test
    void unknownPipelineAndCommandAreNamed() {
        assertThatThrownBy(() -> service.send(new Command(TenantId.of("t1"), "nope", "record_entry", Json.object())))
                .isInstanceOf(UnknownPipelineException.class).hasMessage("no pipeline named \"nope\"");
        assertThatThrownBy(() -> service.send(new Command(TenantId.of("t1"), "ledger", "nope", Json.object())))
                .isInstanceOf(UnknownPipelineException.class)
                .hasMessage("pipeline ledger has no command \"nope\"; it has [record_entry]");
    }

    @Test
    void anEventTheStoreRefusedIsNeverDispatched() {
        FlakyStores.EventStoreFailing failing = new FlakyStores.EventStoreFailing(events, 1);
        EventSourcingService flaky = new EventSourcingService(registry, failing, dispatcher, new EventIds(Clock.systemUTC()));
        assertThatThrownBy(() -> flaky.send(Ledger.entry("t1", "acct-1", 1, "x"))).hasMessageContaining("event store unavailable");
        assertThat(dispatcher.dispatched).isEmpty();
    }

    @Test
    void aRefusedDispatchStillAcceptsTheCommandBecauseTheEventsAreStored() {
        dispatcher.refuseWith = new IllegalStateException("temporal down (test)");
        List<Event> sent = service.send(Ledger.entry("t1", "acct-1", 1, "x"));
        assertThat(events.read(TenantId.of("t1"), Ledger.ACCOUNT, "acct-1")).isEqualTo(sent);
    }

    @Test
    void everyStreamGetsSeqsOneToNWithoutGapsOrRepeatsUnderConcurrentSenders() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(senders.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        service.send(Ledger.entry("t1", "acct-" + (i % 5), 1, "s" + thread + "-" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        for (int a = 0; a < 5; a++) {
            List<Event> stream = events.read(TenantId.of("t1"), Ledger.ACCOUNT, "acct-" + a);
            assertThat(stream).hasSize(160);
            for (int i = 0; i < stream.size(); i++) {
                assertThat(stream.get(i).seq()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void aFailedAppendLeavesNoGapInTheStream() {
        FlakyStores.EventStoreFailing failing = new FlakyStores.EventStoreFailing(events, 0);
        EventSourcingService flaky = new EventSourcingService(registry, failing, dispatcher, new EventIds(Clock.systemUTC()));
        flaky.send(Ledger.entry("t1", "acct-1", 1, "one"));
        failing.failuresLeft.set(1);
        assertThatThrownBy(() -> flaky.send(Ledger.entry("t1", "acct-1", 1, "lost"))).hasMessageContaining("unavailable");
        flaky.send(Ledger.entry("t1", "acct-1", 1, "two"));

        assertThat(events.read(TenantId.of("t1"), Ledger.ACCOUNT, "acct-1")).extracting(Event::seq).containsExactly(1L, 2L);
    }

    @Test
    void aHandlerEventWithABadAggregateIdIsRefusedBeforeAnythingIsStored() {
        Pipeline sloppy = Pipeline.named("sloppy").command("do_it",
                (payload, context) -> List.of(EventDraft.of("ok-1", "Done", 1, Json.object()),
                        EventDraft.of("not ok", "Done", 1, Json.object()))).build();
        EventSourcingService sloppyService = new EventSourcingService(PipelineRegistry.of(sloppy), events, dispatcher,
                new EventIds(Clock.systemUTC()));
        assertThatThrownBy(() -> sloppyService.send(new Command(TenantId.of("t1"), "sloppy", "do_it", Json.object())))
                .isInstanceOf(CommandValidationException.class).hasMessageContaining("aggregateId");
        assertThat(events.read(TenantId.of("t1"), sloppy.aggregateType(), "ok-1")).isEmpty();
    }

    @Test
    void tenantsWithTheSameAggregateIdStayApart() {
        service.send(Ledger.entry("tenant_a", "shared-id", 1, "a"));
        service.send(Ledger.entry("tenant_b", "shared-id", 2, "b"));
        assertThat(events.read(TenantId.of("tenant_a"), Ledger.ACCOUNT, "shared-id"))
                .extracting(e -> e.data().path("memo").asText()).containsExactly("a");
        assertThat(events.read(TenantId.of("tenant_b"), Ledger.ACCOUNT, "shared-id"))
                .extracting(e -> e.data().path("memo").asText()).containsExactly("b");
        assertThatThrownBy(() -> events.append(TenantId.of("tenant_a"),
                events.read(TenantId.of("tenant_b"), Ledger.ACCOUNT, "shared-id")))
                .hasMessageContaining("a batch never crosses tenants");
    }

    @Test
    void historyGivesTheHandlerItsOwnTenantsEventsOnly() {
        List<Integer> seen = new ArrayList<>();
        Pipeline counting = Pipeline.named("counting").command("count", (payload, context) -> {
            seen.add(context.history("c1").size());
            return List.of(EventDraft.of("c1", "Counted", 1, Json.object()));
        }).build();
        EventSourcingService countingService = new EventSourcingService(PipelineRegistry.of(counting), events, dispatcher,
                new EventIds(Clock.systemUTC()));
        countingService.send(new Command(TenantId.of("t1"), "counting", "count", Json.object()));
        countingService.send(new Command(TenantId.of("t1"), "counting", "count", Json.object()));
        countingService.send(new Command(TenantId.of("t2"), "counting", "count", Json.object()));
        assertThat(seen).containsExactly(0, 1, 0);
    }

    @Test
    void concurrentCommandsDecideOnTheLatestHistory() throws Exception {
        // "open" is allowed only on an aggregate with no history: exactly one of many racing opens may win.
        Pipeline doors = Pipeline.named("doors").command("open", (payload, context) -> {
            String door = payload.requiredId("doorId");
            payload.validate();
            if (!context.history(door).isEmpty()) {
                throw new CommandRejectedException("door " + door + " is already open");
            }
            return List.of(EventDraft.of(door, "Opened", 1, Json.object()));
        }).build();
        EventSourcingService doorsService = new EventSourcingService(PipelineRegistry.of(doors), events, dispatcher,
                new EventIds(Clock.systemUTC()));
        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                Command open = new Command(TenantId.of("t1"), "doors", "open", Json.object().put("doorId", "door-" + round));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int r = 0; r < 8; r++) {
                    outcomes.add(racers.submit(() -> {
                        start.await();
                        try {
                            doorsService.send(open);
                            return true;
                        } catch (CommandRejectedException refused) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> outcome : outcomes) {
                    wins += outcome.get() ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
                assertThat(events.read(TenantId.of("t1"), doors.aggregateType(), "door-" + round)).hasSize(1);
            }
        } finally {
            racers.shutdownNow();
        }
    }
}
