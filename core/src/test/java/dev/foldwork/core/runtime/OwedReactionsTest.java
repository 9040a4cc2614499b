package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reactions read back by reference, and owed again by a retried fold job. */
class OwedReactionsTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private final EventRouter router = new EventRouter(LedgerPipeline.registry((context, event) -> {}));
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final FoldExecutor executor = new FoldExecutor(router, events, folds, new MapExecutor(router, new MemoryAppendStore()));
    private final FoldGroupId group = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "a");

    @Test
    void aReferenceReadsTheStateAsStoredAndALargeEventFromTheStore() {
        List<Event> stream = List.of(entry(1, 5, "one"), entry(2, 7, "x".repeat(ReactionRef.INLINE_EVENT_MAX_BYTES)));
        events.append(TENANT, stream);
        List<ReactorCall> calls = new ArrayList<>();
        executor.execute(group, stream, plan -> plan.reactions().forEach(reaction -> calls.add(reaction.call())));
        ReactionRef small = ReactionRef.of(calls.get(0));
        ReactionRef large = ReactionRef.of(calls.get(1));

        assertThat(small.event()).as("a small event rides along").isEqualTo(stream.get(0));
        assertThat(large.event()).as("a large one is read back").isNull();
        assertThat(Json.write(Json.toNode(large)).length()).as("a reference's size").isLessThan(400);
        ReactorCall read = executor.owedReactions().read(large);
        assertThat(read.event()).isEqualTo(stream.get(1));
        assertThat(read.state().path("balance").asLong()).as("the state as stored now").isEqualTo(12);
        assertThat(executor.owedReactions().read(small).state()).isEqualTo(read.state());
        assertThatThrownBy(() -> executor.owedReactions().read(new ReactionRef(group, "account_balance", "balance_watch",
                stream.get(0).streamId(), 9, 0, null))).hasMessageContaining("seq 9");
    }

    /** A store that lost its latest writes holds an older state than the one a reaction was owed at: the attempt fails, to be tried again. */
    @Test
    void aStateRankedBelowTheOneAReactionWasOwedAtFailsTheAttempt() {
        List<Event> stream = List.of(entry(1, 5, "one"), entry(2, 7, "two"));
        events.append(TENANT, stream);
        List<ReactorCall> calls = new ArrayList<>();
        executor.execute(group, stream.subList(0, 1), call -> {});
        MemoryFoldStore before = new MemoryFoldStore();
        before.store(TENANT, LedgerPipeline.BALANCE.name(), "a", folds.get(TENANT, LedgerPipeline.BALANCE.name(), "a").orElseThrow());
        executor.execute(group, stream, plan -> plan.reactions().forEach(reaction -> calls.add(reaction.call())));
        ReactionRef second = ReactionRef.of(calls.get(calls.size() - 1));
        assertThat(second.stateRank()).isEqualTo(2);

        OwedReactions lostItsLastWrite = new FoldExecutor(router, events, before, new MapExecutor(router, new MemoryAppendStore()))
                .owedReactions();
        assertThatThrownBy(() -> lostItsLastWrite.read(second))
                .hasMessageContaining("stored at rank 1, below rank 2 that reactor balance_watch was owed at");
        assertThat(executor.owedReactions().read(second).stateRank()).isEqualTo(2);

        ObjectNode queuedBeforeRanks = (ObjectNode) Json.toNode(second);
        queuedBeforeRanks.remove("stateRank");
        ReactionRef old = Json.fromNode(queuedBeforeRanks, ReactionRef.class);
        assertThat(old.stateRank()).as("a reference queued before ranks").isZero();
        assertThat(lostItsLastWrite.read(old).event()).isEqualTo(stream.get(1));
    }

    /** A state this process stored at the owed rank or above is taken as it is; below that rank the store is read. */
    @Test
    void aStateThisProcessStoredAtTheOwedRankIsTakenWithoutReadingTheStore() {
        List<Event> stream = List.of(entry(1, 5, "one"), entry(2, 7, "two"));
        events.append(TENANT, stream);
        List<ReactorCall> calls = new ArrayList<>();
        executor.execute(group, stream, plan -> plan.reactions().forEach(reaction -> calls.add(reaction.call())));
        ReactionRef first = ReactionRef.of(calls.get(0));
        ReactionRef second = ReactionRef.of(calls.get(1));
        StoredStates storedStates = new StoredStates();
        StoredFold remembered = new StoredFold(Json.object().put("balance", 99), new FoldCheckpoint(2, "e-2", 0), 0);
        storedStates.remember(group, LedgerPipeline.BALANCE.name(), remembered, null);
        OwedReactions owed = new OwedReactions(router, events, folds, storedStates);

        assertThat(owed.read(second).state()).as("remembered at the owed rank").isSameAs(remembered.state());
        assertThat(owed.read(first).state()).as("and above it").isSameAs(remembered.state());
        storedStates.remember(group, LedgerPipeline.BALANCE.name(), new StoredFold(Json.object(), new FoldCheckpoint(1, "e-1", 0), 0), null);
        assertThat(owed.read(second).state()).as("an older state is never remembered over a newer one").isSameAs(remembered.state());

        StoredStates older = new StoredStates();
        older.remember(group, LedgerPipeline.BALANCE.name(), new StoredFold(Json.object(), new FoldCheckpoint(1, "e-1", 0), 0), null);
        assertThat(new OwedReactions(router, events, folds, older).read(second).state().path("balance").asLong())
                .as("remembered below the owed rank: the store's").isEqualTo(12);
    }

    @Test
    void aRetriedJobWhoseFoldsHoldItsEventsOwesTheirReactionsAgain() {
        List<Event> stream = List.of(entry(1, 5, "one"), entry(2, 7, "two"));
        events.append(TENANT, stream);
        executor.execute(group, stream, call -> {}); // stored; the reactions then failed to be queued

        List<ReactorCall> again = new ArrayList<>();
        executor.owedReactions().again(group, stream, plan -> plan.reactions().forEach(reaction -> again.add(reaction.call())));

        assertThat(again).extracting(ReactorCall::event).containsExactlyElementsOf(stream);
        assertThat(again).allMatch(call -> call.state().path("balance").asLong() == 12);
    }

    @Test
    void aRetriedJobThatAFoldDoesNotHoldOwesNothingAgain() {
        List<Event> stream = List.of(entry(1, 5, "one"), entry(2, 7, "poison"));
        events.append(TENANT, stream);
        assertThatThrownBy(() -> executor.execute(group, stream, call -> {})).isInstanceOf(FoldApplyException.class);

        List<ReactorCall> again = new ArrayList<>();
        executor.owedReactions().again(group, stream, plan -> plan.reactions().forEach(reaction -> again.add(reaction.call())));

        assertThat(again).as("the failed attempt queued what it owed; the fold that failed holds nothing").isEmpty();
    }

    private static Event entry(long seq, long amount, String memo) {
        return new Event("a-" + seq, TENANT, Ledger.ACCOUNT, "a", seq, 1_000 + seq, "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine("a", amount, memo)));
    }
}
