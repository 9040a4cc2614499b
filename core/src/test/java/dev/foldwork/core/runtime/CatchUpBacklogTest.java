package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Catch-up redelivers a lag that stands still, and leaves one that its folds are working off to them. */
class CatchUpBacklogTest {
    private static final TenantId TENANT = TenantId.of("tenant_backlog");
    private static final AggregateType ACCOUNT = AggregateType.of("account");

    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final List<Event> redelivered = new ArrayList<>();
    private final EventDispatcher recording = batch -> {
        redelivered.addAll(batch);
        return CompletableFuture.completedFuture(null);
    };
    private final PipelineRegistry registry = PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
            .aggregateType(ACCOUNT.value())
            .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
            .fold(LedgerPipeline.BALANCE)
            .build());
    private final CatchUp catchUp = new CatchUp(new EventRouter(registry), events, folds, recording,
            new CatchUp.CatchUpOptions(Duration.ZERO, Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5)));

    @Test
    void aLagIsRedeliveredWhenFirstFoundAndAgainOnlyWhileItsFoldsStandStill() {
        List<Event> stream = new ArrayList<>();
        for (long seq = 1; seq <= 10; seq++) {
            stream.add(new Event("e" + seq, TENANT, ACCOUNT, "acc", seq, seq, "EntryRecorded", 1,
                    Json.object().put("accountId", "acc").put("amount", 1).put("memo", "")));
        }
        events.append(TENANT, stream);
        foldAt(3);

        CatchUp.Report found = catchUp.runOnce();
        assertThat(found.laggingStreams()).isEqualTo(1);
        assertThat(redelivered).extracting(Event::seq).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);

        redelivered.clear();
        foldAt(6); // the fold is working off its backlog
        CatchUp.Report moving = catchUp.runOnce();
        assertThat(moving.laggingStreams()).as("still behind, so the watermark stays").isEqualTo(1);
        assertThat(moving.eventsDispatched()).isZero();
        assertThat(redelivered).isEmpty();

        CatchUp.Report stalled = catchUp.runOnce(); // no progress since: those deliveries were lost
        assertThat(stalled.eventsDispatched()).isEqualTo(4);
        assertThat(redelivered).extracting(Event::seq).containsExactly(7L, 8L, 9L, 10L);

        foldAt(10);
        assertThat(catchUp.runOnce().laggingStreams()).isZero();
    }

    private void foldAt(long version) {
        folds.store(TENANT, LedgerPipeline.BALANCE.name(), "acc", new StoredFold(Json.object().put("balance", version),
                new FoldCheckpoint(version, "e" + version, version)));
    }
}
