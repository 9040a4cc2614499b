package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.StrictCountFold;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory and Redis modes' skip of a parked batch, when one event is poison for two folds. */
class SkipPoisonTest {
    private static final TenantId TENANT = TenantId.of("t1");

    @Test
    void anEventPoisonForTwoFoldsIsSkippedByEach() {
        EventRouter router = new EventRouter(StrictCountFold.ledgerWithBoth((context, event) -> {}));
        MemoryEventStore events = new MemoryEventStore();
        MemoryFoldStore folds = new MemoryFoldStore();
        FoldExecutor executor = new FoldExecutor(router, events, folds, new MapExecutor(router, new MemoryAppendStore()));
        List<Event> stream = List.of(entry(1, 5, "fine"), entry(2, 100, "poison"), entry(3, 7, "later"));
        events.append(TENANT, stream);
        FoldGroupId group = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "a");
        assertThatThrownBy(() -> executor.execute(group, stream, call -> {})).isInstanceOf(FoldApplyException.class);

        assertThat(executor.skipPoison(group, stream, call -> {})).containsExactly(
                new SkippedEvent("a-2", LedgerPipeline.BALANCE.name()), new SkippedEvent("a-2", StrictCountFold.STRICT_COUNT.name()));

        assertThat(LedgerChecks.storedBalance(folds, TENANT, "a")).contains(Ledger.fold(List.of(stream.get(0), stream.get(2))));
        assertThat(folds.get(TENANT, StrictCountFold.STRICT_COUNT.name(), "a").orElseThrow().state().path("entries").asLong())
                .isEqualTo(2);
        assertThat(folds.get(TENANT, StrictCountFold.STRICT_COUNT.name(), "a").orElseThrow().version()).isEqualTo(3);
    }

    private static Event entry(long seq, long amount, String memo) {
        return new Event("a-" + seq, TENANT, Ledger.ACCOUNT, "a", seq, 1_000 + seq, "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine("a", amount, memo)));
    }
}
