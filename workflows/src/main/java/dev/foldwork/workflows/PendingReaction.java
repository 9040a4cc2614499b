package dev.foldwork.workflows;

import dev.foldwork.core.runtime.ReactorCall;

/**
 * A debounced reaction waiting for its burst to go quiet: the latest call for {@code jobId}, due
 * at {@code dueMillis} (workflow time). Plain data, so a run continued as new carries it on.
 */
public record PendingReaction(String jobId, long dueMillis, ReactorCall call) {}
