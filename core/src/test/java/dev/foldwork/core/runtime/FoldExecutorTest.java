package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.FlakyStores;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldExecutorTest {
    private static final TenantId TENANT = TenantId.of("t1");

    @Test
    void aFoldFarBehindCatchesUpInBoundedStepsFromOneDelivery() {
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
        MemoryEventStore events = new MemoryEventStore();
        FlakyStores.FoldStoreFailing folds = new FlakyStores.FoldStoreFailing(new MemoryFoldStore(), 0);
        List<Event> stream = new ArrayList<>();
        for (int seq = 1; seq <= 45_000; seq++) {
            stream.add(new Event("e-" + seq, TENANT, Ledger.ACCOUNT, "far", seq, 1_000 + seq, "EntryRecorded", 1,
                    Json.toNode(new LedgerPipeline.EntryLine("far", seq % 7, "m"))));
        }
        events.append(TENANT, stream);
        FoldGroupId group = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "far");

        EventRouter router = new EventRouter(registry);
        new FoldExecutor(router, events, folds, new MapExecutor(router, new MemoryAppendStore())).execute(group, List.of(stream.get(stream.size() - 1)), r -> {});

        assertThat(LedgerChecks.storedBalance(folds, TENANT, "far")).contains(Ledger.fold(stream));
        // a step reads at most READ_PER_STEP plus a page (25,000): 45,000 missed events take at least two
        assertThat(folds.stores.get()).as("stores, one per step").isGreaterThanOrEqualTo(2);
    }
}
