package dev.foldwork.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the fold workflow's activities, chosen once here. Persisting a fold
 * keeps retrying (0 attempts = unlimited): the aggregate waits rather than skip a state. Maps
 * are idempotent and retry long; reactors have their own, usually smaller, budget so a failing
 * side effect gives up without holding the fold.
 */
public record FoldActivityPolicies(
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        int persistAttempts,
        int mapAttempts,
        int reactorAttempts) {
    private static final int APPEND_ATTEMPTS = 3;

    public FoldActivityPolicies {
        if (persistAttempts < 0 || mapAttempts < 0 || reactorAttempts < 0) {
            throw new IllegalArgumentException("attempts must be 0 (unlimited) or more");
        }
    }

    public static FoldActivityPolicies defaults() {
        return new FoldActivityPolicies(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1), 0, 20, 5);
    }

    public FoldActivityPolicies withAttempts(int persist, int map, int reactor) {
        return new FoldActivityPolicies(timeout, initialBackoff, maxBackoff, persist, map, reactor);
    }

    public FoldActivityPolicies withTimeout(Duration attemptTimeout) {
        return new FoldActivityPolicies(attemptTimeout, initialBackoff, maxBackoff, persistAttempts, mapAttempts, reactorAttempts);
    }

    public FoldActivityPolicies withBackoff(Duration initial, Duration max) {
        return new FoldActivityPolicies(timeout, initial, max, persistAttempts, mapAttempts, reactorAttempts);
    }

    /**
     * Loading a fold's state is a read without effect, so it runs as a local activity inside the
     * workflow task (a repeat on a task retry is harmless) and a new run needs no extra round trip.
     */
    public LocalActivityOptions load() {
        return localOptions(persistAttempts);
    }

    /** Holding global signals is a hint to the worker's process: a few attempts, then the run goes on without it. */
    public LocalActivityOptions holdSignals() {
        return localOptions(APPEND_ATTEMPTS);
    }

    /**
     * Appending a command's events runs inside the update that waits for it, so it retries a few
     * times only: a store that stays down fails the command (503) instead of holding its caller.
     */
    public LocalActivityOptions append() {
        return localOptions(APPEND_ATTEMPTS);
    }

    public ActivityOptions persist() {
        return options(persistAttempts);
    }

    /**
     * Persisting inside the workflow task that applied the batch: one task per batch instead of
     * an activity task and the workflow task its completion wakes. Retries as {@link #persist}.
     */
    public LocalActivityOptions persistInTask() {
        return localOptions(persistAttempts);
    }

    public ActivityOptions map() {
        return options(mapAttempts);
    }

    /** A map inside the workflow task that applied the batch, retrying as {@link #map}. */
    public LocalActivityOptions mapInTask() {
        return localOptions(mapAttempts);
    }

    private LocalActivityOptions localOptions(int attempts) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(retry(attempts))
                .build();
    }

    public ActivityOptions reactor() {
        return options(reactorAttempts);
    }

    /** An inline reactor's reaction inside the workflow task that persisted its fold, retrying as {@link #reactor}. */
    public LocalActivityOptions reactorInTask() {
        return localOptions(reactorAttempts);
    }

    private ActivityOptions options(int attempts) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(retry(attempts))
                .build();
    }

    private RetryOptions retry(int attempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(initialBackoff)
                .setMaximumInterval(maxBackoff)
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(attempts)
                .build();
    }
}
