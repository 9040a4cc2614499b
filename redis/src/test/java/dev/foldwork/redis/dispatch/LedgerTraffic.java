package dev.foldwork.redis.dispatch;

import static dev.foldwork.core.testing.LedgerChecks.entry;
import static dev.foldwork.core.testing.LedgerChecks.storedBalance;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.testing.LedgerPipeline;

/** Round-robin ledger traffic for the multi-process Redis tests, and how much of it the folds hold. */
final class LedgerTraffic {
    private LedgerTraffic() {}

    /** One entry per account and round, rounds {@code from} (inclusive) to {@code to} (exclusive). */
    static void send(Foldwork<RedisDispatcher> web, TenantId tenant, int accounts, int from, int to) {
        for (int round = from; round < to; round++) {
            for (int a = 0; a < accounts; a++) {
                web.service().send(entry(tenant, "acct-" + a, round * 3L + a, "r" + round));
            }
        }
    }

    /** Entries applied over all accounts, as stored. */
    static long applied(RedisFoldStore folds, TenantId tenant, int accounts) {
        long entries = 0;
        for (int a = 0; a < accounts; a++) {
            entries += storedBalance(folds, tenant, "acct-" + a).map(LedgerPipeline.Balance::entries).orElse(0L);
        }
        return entries;
    }
}
