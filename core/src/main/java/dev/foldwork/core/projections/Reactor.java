package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import java.time.Duration;
import java.util.Optional;

/**
 * A side effect that runs after its fold's state for an event has been persisted. It never
 * runs for an event whose fold failed. It may run more than once (retries), so its effect
 * should be idempotent.
 *
 * <p>Bursts coalesce by {@link #jobId}: reactions with the same job id that arrive within
 * {@link #delay} of each other run once, with the latest event and state (a debounce).
 */
public interface Reactor<S> {
    String name();

    void react(Event event, ReactorContext<S> context) throws Exception;

    default Optional<String> jobId(Event event, S state) {
        return Optional.empty();
    }

    default Duration delay() {
        return Duration.ZERO;
    }

    /**
     * True for a reaction that takes milliseconds and cannot hang: no commands, no calls to
     * services that may be slow. A dispatch mode may run it inline with its fold's persist; the
     * Temporal mode then runs it as a local activity inside the fold workflow's task, which saves
     * an activity task and the workflow task its completion wakes, but holds the aggregate's fold
     * while it runs. False (an activity of its own) unless a reactor says otherwise.
     */
    default boolean inline() {
        return false;
    }
}
