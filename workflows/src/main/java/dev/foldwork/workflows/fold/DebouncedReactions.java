package dev.foldwork.workflows.fold;

import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.workflows.PendingReaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reactions that coalesce by job id, in workflow code: each new reaction replaces the pending one
 * of its job id and restarts its delay, so a burst runs once, with the latest event and state,
 * after it went quiet; with a max wait, never later than {@link ReactionPlan#MAX_WAIT_DELAYS}
 * delays after the first of them, so a steady stream still runs. Ordered by due time, then job id,
 * so every replay takes them in one order.
 */
final class DebouncedReactions {
    private final TreeSet<PendingReaction> byDue = new TreeSet<>(
            Comparator.comparingLong(PendingReaction::dueMillis).thenComparing(PendingReaction::jobId));
    private final Map<String, PendingReaction> byJob = new LinkedHashMap<>();

    /** {@code maxWait} false: the delay restarts without bound, as in runs recorded before the bound. */
    void add(String jobId, ReactorCall call, Duration delay, long nowMillis, boolean maxWait) {
        PendingReaction before = byJob.get(jobId);
        Long latest = before != null ? before.latestDueMillis()
                : maxWait ? nowMillis + delay.toMillis() * ReactionPlan.MAX_WAIT_DELAYS : null;
        long due = nowMillis + delay.toMillis();
        put(new PendingReaction(jobId, latest == null ? due : Math.min(due, latest), call, latest));
    }

    /** Reactions a previous run left pending, with the due times it gave them. */
    void restore(List<PendingReaction> carried) {
        carried.forEach(this::put);
    }

    /** Removes and returns the reactions due at {@code nowMillis}, earliest first. */
    List<ReactorCall> takeDue(long nowMillis) {
        List<ReactorCall> due = new ArrayList<>();
        while (!byDue.isEmpty() && byDue.first().dueMillis() <= nowMillis) {
            PendingReaction next = byDue.pollFirst();
            byJob.remove(next.jobId());
            due.add(next.call());
        }
        return due;
    }

    /** Removes and returns the earliest pending reaction, for a run that cannot carry it. */
    Optional<ReactorCall> takeEarliest() {
        PendingReaction first = byDue.pollFirst();
        if (first == null) {
            return Optional.empty();
        }
        byJob.remove(first.jobId());
        return Optional.of(first.call());
    }

    /** The time until the earliest reaction is due, if any is pending; after {@link #takeDue} always positive. */
    Optional<Duration> untilNextDue(long nowMillis) {
        return byDue.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(byDue.first().dueMillis() - nowMillis));
    }

    List<PendingReaction> toList() {
        return new ArrayList<>(byDue);
    }

    int size() {
        return byDue.size();
    }

    private void put(PendingReaction reaction) {
        PendingReaction previous = byJob.put(reaction.jobId(), reaction);
        if (previous != null) {
            byDue.remove(previous);
        }
        byDue.add(reaction);
    }
}
