package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import java.time.Duration;
import java.util.Optional;

/**
 * A reactor of the ledger's balance with a job id per account and the given delay (zero: no
 * debounce), inline or not, called per event or once per batch.
 */
final class AccountWatch implements Reactor<Balance> {
    private final String name;
    private final Duration delay;
    private final BalanceObserver observer;
    private final boolean inline;
    private final boolean oncePerBatch;

    AccountWatch(String name, Duration delay, BalanceObserver observer) {
        this(name, delay, observer, false);
    }

    AccountWatch(String name, Duration delay, BalanceObserver observer, boolean inline) {
        this(name, delay, observer, inline, false);
    }

    AccountWatch(String name, Duration delay, BalanceObserver observer, boolean inline, boolean oncePerBatch) {
        this.name = name;
        this.delay = delay;
        this.observer = observer;
        this.inline = inline;
        this.oncePerBatch = oncePerBatch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void react(Event event, ReactorContext<Balance> context) throws Exception {
        observer.seen(context, event);
    }

    @Override
    public Optional<String> jobId(Event event, Balance state) {
        return Optional.of(event.aggregateId());
    }

    @Override
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean inline() {
        return inline;
    }

    @Override
    public boolean oncePerBatch() {
        return oncePerBatch;
    }
}
