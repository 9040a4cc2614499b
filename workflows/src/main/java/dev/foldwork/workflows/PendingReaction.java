package dev.foldwork.workflows;

import dev.foldwork.core.runtime.ReactorCall;

/**
 * A debounced reaction waiting for its burst to go quiet: the latest call for {@code jobId}, due
 * at {@code dueMillis} (workflow time), which newer calls move no later than {@code latestDueMillis}
 * ({@link dev.foldwork.core.runtime.ReactionPlan#MAX_WAIT_DELAYS} delays after the first call; null
 * in runs recorded before that bound, which restart the delay without one). Plain data, so a run
 * continued as new carries it on.
 */
public record PendingReaction(String jobId, long dueMillis, ReactorCall call, Long latestDueMillis) {}
