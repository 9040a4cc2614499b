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
}
