package dev.foldwork.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.MapRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The event log is the truth, in any dispatch mode: a delivery lost in the middle is filled from
 * the store by the next event, one lost at the tail by catch-up (for the folds and the map alike:
 * the map work of a lost delivery is lost with it), and an event delivered again
 * after 10,000 others changes nothing, for the aggregate fold and for the global fold. A pipeline
 * with a map and no fold finds its lost deliveries the same way. A mode's test supplies its
 * dispatcher and stores over the ledger and audit pipelines ({@link #registry}).
 */
public abstract class LogAsTruthScenarios {
    protected final PipelineRegistry registry = PipelineRegistry.of(
            List.of(LedgerPipeline.pipeline((context, event) -> {}), AuditPipeline.pipeline()),
            Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());

    protected abstract EventDispatcher dispatcher();

    protected abstract EventStore eventStore();

    protected abstract FoldStore foldStore();

    protected abstract AppendStore appendStore();

    private final TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));

    private EventSourcingService service(EventDispatcher through) {
        return new EventSourcingService(registry, eventStore(), through, new EventIds(Clock.systemUTC()));
    }

    private void awaitCaughtUp(Duration within) {
        FoldLag lag = new FoldLag(registry, eventStore(), foldStore());
        await().atMost(within).until(() -> lag.behind(List.of(tenant)) == 0);
    }

    /** The entry log map holds a line of every stored event of the account (map work runs beside the folds). */
    private void awaitEntryLogOfTheLog(String account) {
        List<String> stored = eventStore().read(tenant, Ledger.ACCOUNT, account).stream().map(Event::id).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(appendStore()
                .read(tenant, LedgerPipeline.ENTRY_LOG.name(), account)).extracting(MapRecord::eventId)
                .containsExactlyInAnyOrderElementsOf(stored));
    }

    /** The note log map holds a line of every stored note of the subject, each once. */
    private void awaitNoteLogOfTheLog(String subject, int notes) {
        List<String> stored = eventStore().read(tenant, AuditPipeline.SUBJECT, subject).stream().map(Event::id).toList();
        assertThat(stored).hasSize(notes);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(appendStore()
                .read(tenant, AuditPipeline.NOTE_LOG.name(), subject)).extracting(MapRecord::eventId)
                .containsExactlyInAnyOrderElementsOf(stored));
    }

    private void assertFoldsEqualTheLog(String account) {
        List<Event> stored = eventStore().read(tenant, Ledger.ACCOUNT, account);
        assertThat(LedgerChecks.storedBalance(foldStore(), tenant, account)).contains(Ledger.fold(stored));
        String month = LedgerPipeline.MONTHLY_VOLUME.key(stored.get(0)).orElseThrow();
        assertThat(foldStore().get(tenant, LedgerPipeline.MONTHLY_VOLUME.name(), month)
                .map(s -> s.state().path("entries").asLong())).contains((long) stored.size());
    }

    @Test
    void aDeliveryLostInTheMiddleIsFilledFromTheStoreByTheNextEvent() {
        EventSourcingService service = service(new LossyDispatcher(dispatcher()));
        service.send(LedgerChecks.entry(tenant, "mid", 5, "first"));
        service.send(LedgerChecks.entry(tenant, "mid", 7, "lost second"));
        service.send(LedgerChecks.entry(tenant, "mid", 11, "third"));

        awaitCaughtUp(Duration.ofSeconds(60));
        assertFoldsEqualTheLog("mid");
        assertThat(LedgerChecks.storedBalance(foldStore(), tenant, "mid").orElseThrow().balance()).isEqualTo(23);
        awaitEntryLogOfTheLog("mid");
    }

    @Test
    void aDeliveryLostAtTheTailIsFilledByCatchUp() {
        EventSourcingService service = service(new LossyDispatcher(dispatcher()));
        service.send(LedgerChecks.entry(tenant, "tail", 5, "first"));
        service.send(LedgerChecks.entry(tenant, "tail", 7, "lost last"));
        await().atMost(Duration.ofSeconds(60)).until(() -> LedgerChecks.storedBalance(foldStore(), tenant, "tail").isPresent());
        assertThat(new FoldLag(registry, eventStore(), foldStore()).behind(List.of(tenant))).isEqualTo(2);

        CatchUp catchUp = new CatchUp(new EventRouter(registry), eventStore(), foldStore(), dispatcher(),
                new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(30)));
        CatchUp.Report report = catchUp.runOnce();

        assertThat(report.laggingStreams()).isEqualTo(1);
        awaitCaughtUp(Duration.ofSeconds(60));
        assertFoldsEqualTheLog("tail");
        awaitEntryLogOfTheLog("tail");
        assertThat(catchUp.runOnce().laggingStreams()).isZero();
    }

    @Test
    void anEventDeliveredAgainAfterTenThousandOthersIsAppliedOnce() throws Exception {
        EventSourcingService service = service(dispatcher());
        Event first = service.send(LedgerChecks.entry(tenant, "busy", 1, "first")).get(0);
        ExecutorService senders = Executors.newFixedThreadPool(8); // as concurrent requests would, so sends batch
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                String memo = "n" + i;
                sent.add(senders.submit(() -> service.send(LedgerChecks.entry(tenant, "busy", 1, memo))));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } finally {
            senders.shutdownNow();
        }
        awaitCaughtUp(Duration.ofSeconds(120));

        dispatcher().dispatch(List.of(first)).join();
        // a marker behind the redelivery in the same fold groups: once it is applied, so was the redelivery
        service.send(LedgerChecks.entry(tenant, "busy", 1, "marker"));
        awaitCaughtUp(Duration.ofSeconds(60));

        assertFoldsEqualTheLog("busy");
        assertThat(LedgerChecks.storedBalance(foldStore(), tenant, "busy").orElseThrow().entries()).isEqualTo(10_002);
    }

    @Test
    void aMapsOnlyPipelineFillsADeliveryLostInTheMiddleFromTheStore() {
        EventSourcingService service = service(new LossyDispatcher(dispatcher()));
        service.send(AuditPipeline.note(tenant, "mid", "first"));
        service.send(AuditPipeline.note(tenant, "mid", "lost second"));
        service.send(AuditPipeline.note(tenant, "mid", "third"));

        awaitNoteLogOfTheLog("mid", 3);
        awaitCaughtUp(Duration.ofSeconds(60));
    }

    @Test
    void aMapsOnlyPipelineGetsADeliveryLostAtTheTailFromCatchUp() {
        EventSourcingService service = service(new LossyDispatcher(dispatcher()));
        service.send(AuditPipeline.note(tenant, "tail", "first"));
        service.send(AuditPipeline.note(tenant, "tail", "lost last"));
        await().atMost(Duration.ofSeconds(60)).until(() -> appendStore().read(tenant, AuditPipeline.NOTE_LOG.name(), "tail").size() == 1);
        assertThat(new FoldLag(registry, eventStore(), foldStore()).behind(List.of(tenant))).as("events behind").isPositive();

        CatchUp catchUp = new CatchUp(new EventRouter(registry), eventStore(), foldStore(), dispatcher(),
                new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(30)));
        assertThat(catchUp.runOnce().laggingStreams()).isEqualTo(1);

        awaitNoteLogOfTheLog("tail", 2);
        awaitCaughtUp(Duration.ofSeconds(60));
    }
}
