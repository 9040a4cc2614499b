package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import java.time.Duration;
import java.util.Optional;

/**
 * A side effect that runs after its fold's state for an event has been persisted. It never
 * runs for an event whose fold failed. It may run more than once (retries), so its effect
 * should be idempotent.
 *
 * <p>Reactions coalesce by {@link #jobId}. After its fold stores a batch, a reactor without a job
 * id is called once per applied event; a reactor with one is called once per job id, with the
 * batch's latest event for that id; a reactor {@linkplain #oncePerBatch once per batch} is called
 * once, with the batch's last event. A call with a job id and a {@link #delay} is also debounced
 * across batches: it waits until no newer call with its job id came for the delay, so a burst
 * runs once, with the latest event and state; but at most {@code ReactionPlan.MAX_WAIT_DELAYS}
 * delays after the first call it coalesced, so a steady stream still runs. This is the one rule of
 * every dispatch mode: each schedules what core's {@code ReactionPlan} decides.
 */
public interface Reactor<S> {
    String name();

    void react(Event event, ReactorContext<S> context) throws Exception;

    /** The key its calls coalesce under, given the fold's state after the batch; empty: one call per event. */
    default Optional<String> jobId(Event event, S state) {
        return Optional.empty();
    }

    /** How long a call with a job id waits for a newer one with that id; zero: it runs after its batch. */
    default Duration delay() {
        return Duration.ZERO;
    }

    /**
     * True for a reactor that needs only the fold's state after each stored batch, not each event:
     * it is called once per batch, with the batch's last event (a copy of the state into an index,
     * say). Its job ids and delay are not used.
     */
    default boolean oncePerBatch() {
        return false;
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
