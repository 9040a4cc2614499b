package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.FlakyStores;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.MonthlyVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A global fold whose writer died between writing its stream positions and storing the state
 * they belong to (a worker killed mid-persist; in Temporal mode a run whose history is gone).
 * The next writer batches the redeliveries differently and reaches that same version with other
 * events: the dead writer's positions must not then count its events as consumed.
 */
class GlobalFoldLoaderTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final String MONTH = "2026-12";

    private final EventRouter router = new EventRouter(LedgerPipeline.registry((context, event) -> {}));
    private final MemoryEventStore events = new MemoryEventStore();
    private final FlakyStores.FoldStoreFailing folds = new FlakyStores.FoldStoreFailing(new MemoryFoldStore(), 0);
    private final FoldExecutor executor = new FoldExecutor(router, events, folds, new MapExecutor(router, new MemoryAppendStore()));
    private final List<Event> a = stream("a", 3);
    private final List<Event> b = stream("b", 3);
    private FoldGroupId volume;

    @BeforeEach
    void aWriterDiedAfterWritingThePositionsOfA() {
        events.append(TENANT, a);
        events.append(TENANT, b);
        volume = router.foldGroups(a).keySet().stream().filter(router::isGlobal).findFirst().orElseThrow();
        assertThat(volume.aggregateKey()).isEqualTo(MONTH);
        folds.storeStreamPositions(TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), MONTH, 3, Map.of(a.get(0).streamId(), 3L));
    }

    @Test
    void theNextWriterSetsTheStrayPositionsBackSoTheirEventsAreStillCounted() {
        executor.execute(volume, b, call -> {});
        executor.execute(volume, a, call -> {});
        executor.execute(volume, a, call -> {}); // a redelivery: counted once
        executor.execute(volume, b, call -> {});

        assertThat(volume()).isEqualTo(new MonthlyVolume(6, sum(a) + sum(b)));
        StoredFold stored = folds.get(TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), MONTH).orElseThrow();
        assertThat(stored.version()).as("above the stray version 3, then 6 events").isEqualTo(4 + 6);
        assertThat(folds.streamPositions(TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), MONTH,
                List.of(a.get(0).streamId(), b.get(0).streamId()), stored.version()))
                .isEqualTo(Map.of(a.get(0).streamId(), 3L, b.get(0).streamId(), 3L));
    }

    @Test
    void aLoaderThatDiesWhileSettingBackLeavesStraysTheNextOneSetsBack() {
        folds.failuresLeft.set(1);
        assertThatThrownBy(() -> executor.execute(volume, b, call -> {})).hasMessageContaining("fold store unavailable");

        executor.execute(volume, b, call -> {});
        executor.execute(volume, a, call -> {});

        assertThat(volume()).isEqualTo(new MonthlyVolume(6, sum(a) + sum(b)));
    }

    private MonthlyVolume volume() {
        return Json.fromNode(folds.get(TENANT, LedgerPipeline.MONTHLY_VOLUME.name(), MONTH).orElseThrow().state(),
                MonthlyVolume.class);
    }

    private static List<Event> stream(String account, int size) {
        List<Event> stream = new ArrayList<>();
        for (int seq = 1; seq <= size; seq++) {
            stream.add(new Event(account + "-" + seq, TENANT, Ledger.ACCOUNT, account, seq, 1_796_428_800_000L + seq,
                    "EntryRecorded", 1, Json.object().put("amount", 10 * seq + account.length())));
        }
        return stream;
    }

    private static long sum(List<Event> stream) {
        return stream.stream().mapToLong(e -> e.data().path("amount").asLong()).sum();
    }
}
