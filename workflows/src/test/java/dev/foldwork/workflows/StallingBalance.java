package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The ledger's balance fold, whose first apply of an event {@code stallsAt} picks stalls its
 * workflow thread past the worker's deadlock detection (1 s), as a loaded machine does: the
 * workflow task fails and is retried.
 */
final class StallingBalance implements FoldProjection<Balance> {
    final AtomicBoolean stalled = new AtomicBoolean();
    private final Predicate<Event> stallsAt;

    StallingBalance(Predicate<Event> stallsAt) {
        this.stallsAt = stallsAt;
    }

    @Override
    public String name() {
        return LedgerPipeline.BALANCE.name();
    }

    @Override
    public Class<Balance> stateType() {
        return Balance.class;
    }

    @Override
    public Balance init() {
        return LedgerPipeline.BALANCE.init();
    }

    @Override
    public Balance apply(Balance state, Event event) {
        if (stallsAt.test(event) && stalled.compareAndSet(false, true)) {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return LedgerPipeline.BALANCE.apply(state, event);
    }
}
