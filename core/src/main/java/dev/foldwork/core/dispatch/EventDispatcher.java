package dev.foldwork.core.dispatch;

import dev.foldwork.core.domain.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands stored events to their projections: the contract the memory, Redis and Temporal modes
 * implement. Only events already in the event store may be dispatched.
 *
 * <p>Order: for one fold group, events reach the folds in the order of the {@code dispatch}
 * calls, and within a call in list order. The order is fixed when {@code dispatch} returns; the
 * future completes once the mode has accepted the events (for a durable mode: durably), or
 * fails if it could not.
 */
public interface EventDispatcher extends AutoCloseable {
    CompletableFuture<Void> dispatch(List<Event> events);

    @Override
    default void close() {}
}
