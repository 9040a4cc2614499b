package dev.foldwork.core.testing;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.Optional;

/** Short ways for tests to speak ledger: make a command, read a balance, fold a history. */
public final class Ledger {
    public static final AggregateType ACCOUNT = AggregateType.of("account");

    private Ledger() {}

    public static Command entry(String tenant, String accountId, long amount, String memo) {
        return new Command(TenantId.of(tenant), LedgerPipeline.NAME, "record_entry",
                Json.object().put("accountId", accountId).put("amount", amount).put("memo", memo));
    }

    public static Optional<LedgerPipeline.Balance> balance(FoldStore store, String tenant, String accountId) {
        return store.get(TenantId.of(tenant), LedgerPipeline.BALANCE.name(), accountId)
                .map(StoredFold::state)
                .map(node -> Json.fromNode(node, LedgerPipeline.Balance.class));
    }

    /** The balance a sequential fold of the given events gives. */
    public static LedgerPipeline.Balance fold(List<Event> events) {
        LedgerPipeline.Balance state = LedgerPipeline.BALANCE.init();
        for (Event event : events) {
            state = LedgerPipeline.BALANCE.apply(state, event);
        }
        return state;
    }
}
