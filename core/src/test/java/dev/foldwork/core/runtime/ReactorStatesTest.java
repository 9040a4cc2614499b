package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
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

    @Test
    void aStateStoredLatelyIsTheFoldsOwnObject() {
        StoredStates stored = new StoredStates();
        Balance computed = new Balance(12, 1, 3, "m");
        JsonNode node = Json.toNode(computed);
        stored.remember(GROUP, FOLD, node, computed);

        Object read = new ReactorStates(stored).read(call(node), Balance.class);

        assertThat(read).isSameAs(computed);
    }

    @Test
    void anEqualNodeThatWasNotTheOneStoredIsReadFromItsJson() {
        StoredStates stored = new StoredStates();
        Balance computed = new Balance(12, 1, 3, "m");
        stored.remember(GROUP, FOLD, Json.toNode(computed), computed);
        JsonNode readBack = Json.toNode(new Balance(12, 1, 3, "m")); // as a store gives it back: equal, not the same node

        Object read = new ReactorStates(stored).read(call(readBack), Balance.class);

        assertThat(read).isNotSameAs(computed).isEqualTo(computed);
    }

    @Test
    void aStateOfAnotherTypeIsNotTaken() {
        StoredStates stored = new StoredStates();
        JsonNode node = Json.toNode(new Balance(12, 1, 3, "m"));
        stored.remember(GROUP, FOLD, node, "not a balance");

        assertThat(new ReactorStates(stored).read(call(node), Balance.class)).isEqualTo(new Balance(12, 1, 3, "m"));
    }

    @Test
    void aNewerStateOfTheSameFoldReplacesTheOlderOne() {
        StoredStates stored = new StoredStates();
        Balance older = new Balance(12, 1, 3, "m");
        JsonNode olderNode = Json.toNode(older);
        stored.remember(GROUP, FOLD, olderNode, older);
        Balance newer = new Balance(17, 2, 4, "n");
        stored.remember(GROUP, FOLD, Json.toNode(newer), newer);

        Object read = new ReactorStates(stored).read(call(olderNode), Balance.class);

        assertThat(read).as("the older state is no longer held, so it is read from its JSON").isNotSameAs(older).isEqualTo(older);
    }

    private static ReactorCall call(JsonNode state) {
        return new ReactorCall(GROUP, FOLD, "balance_watch", EVENT, state, 1);
    }
}
