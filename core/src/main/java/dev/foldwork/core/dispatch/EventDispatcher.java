package dev.foldwork.core.dispatch;

import dev.foldwork.core.domain.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands stored events to their projections: the contract the memory, Redis and Temporal modes
 * implement. Only events already in the event store may be dispatched, because a dispatch is a
 * hint, not the data: folds apply by {@code seq}, skip what they hold and read what a delivery
 * missed from the store, so a lost, repeated or reordered dispatch changes no result.
 *
 * <p>Order: for one fold group, events usually reach the folds in the order of the
 * {@code dispatch} calls, and within a call in list order (which saves reads from the store). The
 * future completes once the mode has accepted the events (for a durable mode: durably), or fails
 * if it could not; then catch-up delivers them later.
 */
public interface EventDispatcher extends AutoCloseable {
    CompletableFuture<Void> dispatch(List<Event> events);

    @Override
    default void close() {}
}
