package dev.foldwork.core.runtime.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A fold added to a pipeline after its aggregates' events were stored is built from that history at start-up, once. */
class NewFoldsTest {
    private static final AggregateType ACCOUNT = AggregateType.of("account");
    private static final List<TenantId> TENANTS = List.of(TenantId.of("tenant_one"), TenantId.of("tenant_two"));
    private static final EventDispatcher NOWHERE = events -> CompletableFuture.completedFuture(null);

    /** The fold a later release adds: how many entries an account has. */
    record EntryCount(long entries) {}

    static final class EntryCountFold implements FoldProjection<EntryCount> {
        @Override
        public String name() {
            return "account_entry_count";
        }

        @Override
        public Class<EntryCount> stateType() {
            return EntryCount.class;
        }

        @Override
        public EntryCount init() {
            return new EntryCount(0);
        }

        @Override
        public EntryCount apply(EntryCount state, Event event) {
            return new EntryCount(state.entries() + 1);
        }
    }

    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final EntryCountFold added = new EntryCountFold();
    private final PipelineRegistry release2 = PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
            .aggregateType(ACCOUNT.value())
            .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
            .fold(LedgerPipeline.BALANCE)
            .fold(added)
            .build());

    @Test
    void anAddedFoldIsBuiltForEveryTenantsAggregatesAndMarkedSoTheNextStartLeavesIt() throws Exception {
        for (TenantId tenant : TENANTS) {
            for (int a = 0; a < 3; a++) {
                storeEntries(tenant, "acct-" + a, 5 + a);
            }
        }
        try (Rebuilds rebuilds = rebuilds()) {
            NewFolds newFolds = new NewFolds(release2.pipelines().get(0).folds(), events, folds, rebuilds);
            assertThat(newFolds.unbuilt()).containsExactly(LedgerPipeline.BALANCE.name(), added.name());

            List<RebuildStatus> ran = newFolds.buildAll();

            assertThat(ran).hasSize(4).allMatch(status -> status.state() == RebuildStatus.State.DONE);
            for (TenantId tenant : TENANTS) {
                for (int a = 0; a < 3; a++) {
                    StoredFold count = folds.get(tenant, added.name(), "acct-" + a).orElseThrow();
                    assertThat(Json.fromNode(count.state(), EntryCount.class)).isEqualTo(new EntryCount(5 + a));
                    assertThat(count.version()).isEqualTo(5 + a);
                }
            }
            assertThat(newFolds.unbuilt()).isEmpty();
            assertThat(newFolds.buildAll()).as("the next start").isEmpty();
        }
    }

    /**
     * A global fold reads only the streams its events arrive from: added after history was
     * stored, it would never see the streams that stay quiet. Built at start-up, every key of it
     * equals the log of each tenant.
     */
    @Test
    void anAddedGlobalFoldIsBuiltForEveryTenantFromEveryStream() throws Exception {
        PipelineRegistry release3 = PipelineRegistry.of(release2.pipelines(),
                Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
        for (TenantId tenant : TENANTS) {
            for (int a = 0; a < 4; a++) {
                storeEntries(tenant, "acct-" + a, 3 + a);
            }
        }
        try (Rebuilds rebuilds = new Rebuilds(release3, events, folds, new MemoryAppendStore(), NOWHERE,
                Duration.ofMillis(50), System::currentTimeMillis)) {
            NewFolds newFolds = new NewFolds(List.copyOf(release3.globalFolds()), events, folds, rebuilds);
            assertThat(newFolds.unbuilt()).containsExactly(LedgerPipeline.MONTHLY_VOLUME.name());

            assertThat(newFolds.buildAll()).hasSize(2).allMatch(status -> status.state() == RebuildStatus.State.DONE);

            for (TenantId tenant : TENANTS) {
                // storeEntries stamps entry n at n ms after the epoch: every entry falls in January 1970
                StoredFold volume = folds.get(tenant, LedgerPipeline.MONTHLY_VOLUME.name(), "1970-01").orElseThrow();
                assertThat(volume.state().path("entries").asLong()).as(tenant + " entries").isEqualTo(3 + 4 + 5 + 6);
                assertThat(volume.state().path("total").asLong()).as(tenant + " total").isEqualTo(3 + 4 + 5 + 6);
            }
            assertThat(newFolds.unbuilt()).isEmpty();
        }
    }

    @Test
    void onAnEmptyStoreEveryFoldIsMarkedWithoutARebuild() throws Exception {
        try (Rebuilds rebuilds = rebuilds()) {
            NewFolds newFolds = new NewFolds(release2.pipelines().get(0).folds(), events, folds, rebuilds);

            assertThat(newFolds.buildAll()).isEmpty();
            assertThat(newFolds.unbuilt()).isEmpty();
            assertThat(rebuilds.list()).isEmpty();
        }
    }

    private Rebuilds rebuilds() {
        return new Rebuilds(release2, events, folds, new MemoryAppendStore(), NOWHERE, Duration.ofMillis(50),
                System::currentTimeMillis);
    }

    private void storeEntries(TenantId tenant, String account, int count) {
        List<Event> stream = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            stream.add(new Event(tenant.value() + "-" + account + "-" + seq, tenant, ACCOUNT, account, seq, seq,
                    "EntryRecorded", 1, Json.object().put("accountId", account).put("amount", 1).put("memo", "")));
        }
        events.append(tenant, stream);
    }
}
