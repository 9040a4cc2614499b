package dev.foldwork.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatch;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FoldworkTest {
    @Test
    void theMemoryModeFoldsWhatTheServiceStoresAndReactorsSendCommandsThroughIt() throws Exception {
        // The reactor of a1's balance sends one entry to a2: it goes through the setup's own service.
        LedgerPipeline.BalanceObserver forward = (context, event) -> {
            if (context.aggregateId().equals("a1")) {
                context.commands().send(Ledger.entry(context.tenantId().value(), "a2", 5, "forwarded"));
            }
        };
        MemoryFoldStore folds = new MemoryFoldStore();
        try (Foldwork<MemoryDispatcher> foldwork = Foldwork.builder(LedgerPipeline.registry(forward))
                .stores(new MemoryEventStore(), folds, new MemoryAppendStore())
                .build()) {
            foldwork.service().send(Ledger.entry("t1", "a1", 12, "first"));
            assertThat(foldwork.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Ledger.balance(folds, "t1", "a2").isPresent());
            assertThat(Ledger.balance(folds, "t1", "a1").orElseThrow().balance()).isEqualTo(12);
            assertThat(foldwork.foldStore()).isSameAs(folds);
            assertThat(foldwork.writer()).isInstanceOf(LocalStreamWriter.class);
        }
    }

    @Test
    void eventsAreStampedWithTheGivenClock() throws Exception {
        Instant noon = Instant.parse("2026-12-03T12:00:00Z");
        try (Foldwork<MemoryDispatcher> foldwork = Foldwork.builder(LedgerPipeline.registry((c, e) -> {}))
                .clock(Clock.fixed(noon, ZoneOffset.UTC))
                .dispatch(MemoryDispatch.defaults())
                .build()) {
            foldwork.service().send(Ledger.entry("t1", "a1", 1, "x"));
            assertThat(foldwork.eventStore().read(TenantId.of("t1"), Ledger.ACCOUNT, "a1"))
                    .extracting(Event::timestamp).containsExactly(noon.toEpochMilli());
        }
    }

    @Test
    void aModeGetsTheWiredPartsAndEveryPartItStartedIsClosedEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        MemoryEventStore events = new MemoryEventStore();
        List<DispatchContext> seen = new ArrayList<>();
        DispatchMode<EventDispatcher> mode = context -> {
            seen.add(context);
            EventDispatcher dispatcher = batch -> CompletableFuture.completedFuture(null);
            AutoCloseable failing = () -> {
                closed.add("writer");
                throw new IllegalStateException("writer did not stop");
            };
            return new Dispatching<>(dispatcher, new LocalStreamWriter(context.events(), dispatcher),
                    List.of(failing, () -> closed.add("dispatcher")));
        };
        Foldwork<EventDispatcher> foldwork = Foldwork.builder(LedgerPipeline.registry((c, e) -> {}))
                .stores(events, new MemoryFoldStore(), new MemoryAppendStore())
                .dispatch(mode)
                .build();

        assertThat(seen).singleElement().satisfies(context -> {
            assertThat(context.events()).isSameAs(events);
            assertThat(context.registry()).isSameAs(foldwork.registry());
        });
        assertThatThrownBy(foldwork::close).hasMessageContaining("closing").hasRootCauseMessage("writer did not stop");
        assertThat(closed).containsExactly("writer", "dispatcher");
    }

    @Test
    void whatAModeStartsRunsOnceTheServiceIsBoundAndTheWriterDispatchesThroughTheObserver() {
        List<Integer> observed = new ArrayList<>();
        List<String> startedWith = new ArrayList<>();
        DispatchMode<EventDispatcher> mode = context -> {
            EventDispatcher dispatcher = batch -> CompletableFuture.completedFuture(null);
            // A worker's reactor sending a command as soon as it starts: it needs the bound service.
            Runnable worker = () -> startedWith.add(context.commands().send(Ledger.entry("t1", "a1", 3, "at start"))
                    .get(0).type());
            return Dispatching.local(dispatcher, context).withStartedPart(worker, () -> {});
        };
        try (Foldwork<EventDispatcher> foldwork = Foldwork.builder(LedgerPipeline.registry((c, e) -> {}))
                .observeDispatch(dispatcher -> batch -> {
                    observed.add(batch.size());
                    return dispatcher.dispatch(batch);
                })
                .dispatch(mode)
                .build()) {
            assertThat(startedWith).containsExactly("EntryRecorded");
            foldwork.service().send(Ledger.entry("t1", "a1", 4, "later"));
            assertThat(observed).containsExactly(1, 1);
        }
    }
}
