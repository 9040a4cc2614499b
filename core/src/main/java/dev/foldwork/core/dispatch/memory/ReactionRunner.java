package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.runtime.ReactorStates;
import dev.foldwork.core.runtime.StoredStates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the reactions a fold's plans call for once its state is stored: at once, or debounced
 * until their burst ends. Each call retries with backoff on its own and goes to the dead letters
 * after its last attempt.
 */
final class ReactionRunner {
    private final ReactorExecutor reactors;
    private final RetryPolicy retry;
    private final DispatchThreads threads;
    private final WorkLedger work;
    private final StoredStates stored;
    private final ReactorDebouncer debouncer;
    private final AtomicLong coalesced = new AtomicLong(); // in their batch; the debouncer counts its own

    /** {@code stored}: the states the folds of this dispatcher stored, which reactors then need not read from JSON. */
    ReactionRunner(ReactorExecutor reactors, StoredStates stored, RetryPolicy retry, DispatchThreads threads, WorkLedger work) {
        this.reactors = reactors;
        this.stored = stored;
        this.retry = retry;
        this.threads = threads;
        this.work = work;
        this.debouncer = new ReactorDebouncer(threads, call -> runReactors(List.of(call), new ReactorStates(stored)));
    }

    /** Reactions run after their fold stored, as their plans say; debounced ones wait for their burst to end. */
    void react(List<ReactionPlan> plans) {
        int owed = plans.stream().mapToInt(ReactionPlan::size).sum();
        if (owed == 0) {
            return;
        }
        work.owe(owed);
        List<ReactorCall> now = new ArrayList<>(owed);
        for (ReactionPlan plan : plans) {
            coalesced.addAndGet(plan.coalesced());
            for (ReactionPlan.Unplanned unplanned : plan.unplanned()) {
                work.deadLetter("reactor", unplanned.call().reactor() + " for event " + unplanned.call().event().id(), 1,
                        unplanned.error(), 1);
            }
            for (ReactionPlan.Reaction reaction : plan.reactions()) {
                if (!reaction.debounced()) {
                    now.add(reaction.call());
                } else if (!debouncer.submit(reaction.jobKey().orElseThrow(), reaction.call(), reaction.delay())) {
                    work.done(1); // joined a pending reaction with the same job key
                }
            }
        }
        if (!now.isEmpty()) {
            threads.execute(() -> runReactors(now, new ReactorStates(stored)));
        }
    }

    /** Reactions merged into a later one with the same job key: in their batch, or while debounced. */
    long coalesced() {
        return coalesced.get() + debouncer.coalesced();
    }

    private void runReactors(List<ReactorCall> calls, ReactorStates states) {
        List<ReactorCall> failed = new ArrayList<>();
        reactors.executeAll(calls, states, (call, error) -> {
            failed.add(call);
            retryReactor(call, 1, error);
        });
        work.done(calls.size() - failed.size());
    }

    private void runReactor(ReactorCall call, int failedAttempts) {
        try {
            reactors.execute(call);
            work.done(1);
        } catch (Exception e) {
            retryReactor(call, failedAttempts + 1, e);
        }
    }

    private void retryReactor(ReactorCall call, int failed, Exception error) {
        if (retry.exhausted(failed)) {
            work.deadLetter("reactor", call.reactor() + " for event " + call.event().id() + " of " + call.group(), failed, error, 1);
        } else {
            threads.later(retry.backoff(failed), () -> runReactor(call, failed));
        }
    }
}
