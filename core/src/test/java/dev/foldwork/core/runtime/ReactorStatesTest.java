package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import org.junit.jupiter.api.Test;

/** Reactors get the state their fold stored: the fold's own object when this process stored it lately, else read from JSON. */
class ReactorStatesTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final FoldGroupId GROUP = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "a");
    private static final String FOLD = "account_balance";
    private static final Event EVENT = new Event("a-1", TENANT, Ledger.ACCOUNT, "a", 1, 1_001, "EntryRecorded", 1,
            Json.toNode(new LedgerPipeline.EntryLine("a", 5, "m")));

    private static final Balance BALANCE = new Balance(12, 1, 3, "m");

    private final StoredStates stored = new StoredStates();
    private long version;

    @Test
    void aStateStoredLatelyIsTheFoldsOwnObject() {
        JsonNode node = remember(BALANCE);

        assertThat(read(node)).isSameAs(BALANCE);
    }

    @Test
    void anEqualNodeThatWasNotTheOneStoredIsReadFromItsJson() {
        remember(BALANCE);
        JsonNode readBack = Json.toNode(new Balance(12, 1, 3, "m")); // as a store gives it back: equal, not the same node

        assertThat(read(readBack)).isNotSameAs(BALANCE).isEqualTo(BALANCE);
    }

    @Test
    void aStateOfAnotherTypeIsNotTaken() {
        JsonNode node = Json.toNode(BALANCE);
        stored.remember(GROUP, FOLD, storedAt(node), "not a balance");

        assertThat(read(node)).isEqualTo(BALANCE);
    }

    @Test
    void aNewerStateOfTheSameFoldReplacesTheOlderOne() {
        JsonNode olderNode = remember(BALANCE);
        remember(new Balance(17, 2, 4, "n"));

        assertThat(read(olderNode)).as("the older state is no longer held, so it is read from its JSON")
                .isNotSameAs(BALANCE).isEqualTo(BALANCE);
    }

    /** Stores {@code state} as the fold's latest, as the fold executor does; returns the node stored. */
    private JsonNode remember(Balance state) {
        JsonNode node = Json.toNode(state);
        stored.remember(GROUP, FOLD, storedAt(node), state);
        return node;
    }

    /** The node as the fold's next stored state: each call a version above the last. */
    private StoredFold storedAt(JsonNode node) {
        return new StoredFold(node, new FoldCheckpoint(++version, EVENT.id(), EVENT.timestamp()), 0);
    }

    private Object read(JsonNode node) {
        return new ReactorStates(stored).read(call(node), Balance.class);
    }

    private static ReactorCall call(JsonNode state) {
        return new ReactorCall(GROUP, FOLD, "balance_watch", EVENT, state, 1);
    }
}
