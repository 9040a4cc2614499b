package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldStepTest {
    private static final LedgerPipeline.BalanceFold FOLD = LedgerPipeline.BALANCE;

    static Event entry(int n, long amount) {
        return new Event(String.format("e-%05d", n), TenantId.of("t1"), AggregateType.of("account"), "a1", n, 1000 + n,
                "EntryRecorded", 1, Json.object().put("amount", amount).put("memo", "m" + n));
    }

    @Test
    void appliesInOrderAndAdvancesTheCheckpoint() {
        FoldStep.Result<Balance> result = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START,
                List.of(entry(1, 5), entry(2, 7)));
        assertThat(result.state().balance()).isEqualTo(12);
        assertThat(result.state().checksum()).isEqualTo((17 * 31 + 5) * 31 + 7);
        assertThat(result.checkpoint().position()).isEqualTo(2);
        assertThat(result.checkpoint().lastEventId()).isEqualTo("e-00002");
        assertThat(result.applied()).hasSize(2);
    }

    @Test
    void aBatchDeliveredAgainIsNotAppliedTwice() {
        List<Event> batch = List.of(entry(1, 5), entry(2, 7), entry(3, 11));
        FoldStep.Result<Balance> first = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START, batch);
        FoldStep.Result<Balance> again = FoldStep.apply(FOLD, first.state(), first.checkpoint(), batch);
        assertThat(again.changed()).isFalse();
        assertThat(again.state()).isEqualTo(first.state());
        assertThat(again.checkpoint()).isEqualTo(first.checkpoint());
    }

    @Test
    void aRedeliveredPrefixIsSkippedAndTheNewTailApplied() {
        FoldStep.Result<Balance> first = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START, List.of(entry(1, 5), entry(2, 7)));
        FoldStep.Result<Balance> next = FoldStep.apply(FOLD, first.state(), first.checkpoint(),
                List.of(entry(1, 5), entry(2, 7), entry(3, 11)));
        assertThat(next.applied()).extracting(Event::id).containsExactly("e-00003");
        assertThat(next.state().balance()).isEqualTo(23);
    }

    @Test
    void aDuplicateInsideOneBatchIsAppliedOnce() {
        FoldStep.Result<Balance> result = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START,
                List.of(entry(1, 5), entry(1, 5), entry(2, 7)));
        assertThat(result.state().entries()).isEqualTo(2);
    }

    @Test
    void anEventRedeliveredAfterTenThousandOthersIsStillADuplicate() {
        List<Event> many = new ArrayList<>();
        for (int i = 1; i <= 10_001; i++) {
            many.add(entry(i, 1));
        }
        FoldStep.Result<Balance> result = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START, many);
        FoldStep.Result<Balance> again = FoldStep.apply(FOLD, result.state(), result.checkpoint(), List.of(entry(1, 1)));
        assertThat(again.changed()).isFalse();
        assertThat(again.state().entries()).isEqualTo(10_001);
    }

    @Test
    void aGapIsRefusedRatherThanSkipped() {
        assertThatThrownBy(() -> FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START, List.of(entry(1, 1), entry(3, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is at seq 1 and was given seq 3");
    }

    @Test
    void aGlobalFoldCountsEachStreamsEventsOnceByTheirPositions() {
        Event a1 = entry(1, 5);
        Event b1 = new Event("b-1", TenantId.of("t1"), AggregateType.of("account"), "b", 1, 1, "EntryRecorded", 1,
                Json.object().put("amount", 100).put("memo", "b"));
        FoldStep.Result<Balance> first = FoldStep.applyGlobal(FOLD, FOLD.init(), FoldCheckpoint.START, java.util.Map.of(),
                List.of(a1, b1, a1), java.util.Set.of());
        assertThat(first.state().balance()).isEqualTo(105);
        assertThat(first.checkpoint().position()).isEqualTo(2);
        assertThat(first.positions()).containsEntry(a1.streamId(), 1L).containsEntry(b1.streamId(), 1L);

        FoldStep.Result<Balance> again = FoldStep.applyGlobal(FOLD, first.state(), first.checkpoint(), first.positions(),
                List.of(b1, entry(2, 7)), java.util.Set.of());
        assertThat(again.applied()).extracting(Event::id).containsExactly("e-00002");
        assertThat(again.state().balance()).isEqualTo(112);
    }

    @Test
    void aSkippedEventIsConsumedWithoutBeingApplied() {
        FoldStep.Result<Balance> result = FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START,
                List.of(entry(1, 5), entry(2, 7), entry(3, 11)), java.util.Set.of("e-00002"));
        assertThat(result.state().balance()).isEqualTo(16);
        assertThat(result.checkpoint().position()).isEqualTo(3);
        assertThat(result.changed()).isTrue();
    }

    @Test
    void aPoisonEventNamesTheFoldAndTheEvent() {
        Event poison = new Event("e-bad", TenantId.of("t1"), AggregateType.of("account"), "a1", 2, 5, "EntryRecorded", 1,
                Json.object().put("amount", 1).put("memo", "poison"));
        assertThatThrownBy(() -> FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START, List.of(entry(1, 1), poison)))
                .isInstanceOf(FoldApplyException.class)
                .hasMessageContaining("fold account_balance failed on event e-bad");
    }

    /** The ledger fold with a batch step of its own, which counts its calls and can be made to fail. */
    private static final class BatchingFold implements FoldProjection<Balance> {
        final List<Integer> batchSizes = new ArrayList<>();
        boolean batchFails;

        @Override
        public String name() {
            return FOLD.name();
        }

        @Override
        public Class<Balance> stateType() {
            return Balance.class;
        }

        @Override
        public Balance init() {
            return FOLD.init();
        }

        @Override
        public Balance apply(Balance state, Event event) {
            return FOLD.apply(state, event);
        }

        @Override
        public Balance applyAll(Balance state, List<Event> events) {
            batchSizes.add(events.size());
            if (batchFails) {
                throw new IllegalStateException("the batch step failed");
            }
            return FoldProjection.super.applyAll(state, events);
        }
    }

    @Test
    void aFoldsBatchStepGetsTheBatchOnceWithoutWhatItAlreadyHolds() {
        BatchingFold fold = new BatchingFold();
        FoldStep.Result<Balance> first = FoldStep.apply(fold, fold.init(), FoldCheckpoint.START, List.of(entry(1, 5), entry(2, 7)));
        FoldStep.Result<Balance> next = FoldStep.apply(fold, first.state(), first.checkpoint(),
                List.of(entry(2, 7), entry(3, 11), entry(4, 13)));
        assertThat(fold.batchSizes).containsExactly(2, 2);
        assertThat(next.state()).isEqualTo(FoldStep.apply(FOLD, FOLD.init(), FoldCheckpoint.START,
                List.of(entry(1, 5), entry(2, 7), entry(3, 11), entry(4, 13))).state());
    }

    @Test
    void whenTheBatchStepFailsTheEventsOneAtATimeNameThePoison() {
        BatchingFold fold = new BatchingFold();
        fold.batchFails = true;
        Event poison = new Event("e-bad", TenantId.of("t1"), AggregateType.of("account"), "a1", 2, 1002, "EntryRecorded", 1,
                Json.object().put("amount", 1).put("memo", "poison"));
        assertThatThrownBy(() -> FoldStep.apply(fold, fold.init(), FoldCheckpoint.START, List.of(entry(1, 1), poison)))
                .isInstanceOf(FoldApplyException.class)
                .hasMessageContaining("fold account_balance failed on event e-bad");
        FoldStep.Result<Balance> healthy = FoldStep.apply(fold, fold.init(), FoldCheckpoint.START, List.of(entry(1, 5), entry(2, 7)));
        assertThat(healthy.state().balance()).as("a batch step that fails alone is not the events' fault").isEqualTo(12);
    }
}
