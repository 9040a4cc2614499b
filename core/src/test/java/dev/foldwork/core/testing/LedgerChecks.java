package dev.foldwork.core.testing;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.Optional;

/** Ledger commands and the reference a dispatch mode's fold states must equal. */
public final class LedgerChecks {
    public static final AggregateType ACCOUNT = AggregateType.of("account");

    private LedgerChecks() {}

    public static Command entry(TenantId tenant, String account, long amount, String memo) {
        return new Command(tenant, LedgerPipeline.NAME, "record_entry",
                Json.object().put("accountId", account).put("amount", amount).put("memo", memo));
    }

    /** The balance a sequential fold of the account's stored events gives. */
    public static LedgerPipeline.Balance sequentialBalance(EventStore events, TenantId tenant, String account) {
        List<Event> stored = events.read(tenant, ACCOUNT, account);
        return FoldStep.apply(LedgerPipeline.BALANCE, LedgerPipeline.BALANCE.init(), FoldCheckpoint.START, stored).state();
    }

    public static Optional<LedgerPipeline.Balance> storedBalance(FoldStore folds, TenantId tenant, String account) {
        return folds.get(tenant, LedgerPipeline.BALANCE.name(), account)
                .map(StoredFold::state).map(s -> Json.fromNode(s, LedgerPipeline.Balance.class));
    }
}
