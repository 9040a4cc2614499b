package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.ForwardingFoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.FlakyStores;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void aBatchStartsFromTheStateItComputedWhileTheStoreHoldsThatRankAndFromTheStoreOnceItHoldsAnother() {
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore store = new MemoryFoldStore();
        // the JSON a load reads can be swapped for another at the same rank: only a decode would see it
        AtomicReference<JsonNode> served = new AtomicReference<>();
        FoldStore folds = new ForwardingFoldStore(store) {
            @Override
            public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
                return super.get(tenantId, projection, aggregateKey).map(stored ->
                        served.get() == null ? stored : new StoredFold(served.get(), stored.checkpoint(), stored.generation()));
            }
        };
        EventRouter router = new EventRouter(registry);
        FoldExecutor executor = new FoldExecutor(router, events, folds, new MapExecutor(router, new MemoryAppendStore()));
        FoldGroupId group = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "a");
        List<Event> stream = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            stream.add(new Event("e-" + seq, TENANT, Ledger.ACCOUNT, "a", seq, 1_000 + seq, "EntryRecorded", 1,
                    Json.toNode(new LedgerPipeline.EntryLine("a", 10, "m"))));
        }
        events.append(TENANT, stream);

        executor.execute(group, stream.subList(0, 1), plan -> {});
        served.set(Json.toNode(new LedgerPipeline.Balance(1_000, 1, 0, "not what was computed")));
        executor.execute(group, stream.subList(1, 2), plan -> {});
        assertThat(LedgerChecks.storedBalance(store, TENANT, "a")).get().extracting(LedgerPipeline.Balance::balance)
                .as("the object computed for version 1, not the JSON served at its rank").isEqualTo(20L);

        // a rebuild's newer generation: a state this executor did not compute, so the next batch reads it
        served.set(null);
        StoredFold version2 = store.get(TENANT, LedgerPipeline.BALANCE.name(), "a").orElseThrow();
        store.store(TENANT, LedgerPipeline.BALANCE.name(), "a", new StoredFold(
                Json.toNode(new LedgerPipeline.Balance(500, 2, 0, "rebuilt")), version2.checkpoint(), 1));
        executor.execute(group, stream.subList(2, 3), plan -> {});
        assertThat(LedgerChecks.storedBalance(store, TENANT, "a")).get().extracting(LedgerPipeline.Balance::balance)
                .isEqualTo(510L);
    }
}
