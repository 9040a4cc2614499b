package dev.foldwork.core.testing;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The test hook for lost deliveries: passes events on, except those whose memo starts with
 * "lost", which it drops while reporting success, as a message lost after it was accepted would.
 */
public final class LossyDispatcher implements EventDispatcher {
    private final EventDispatcher delegate;

    public LossyDispatcher(EventDispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        List<Event> delivered = events.stream()
                .filter(e -> !e.data().path("memo").asText().startsWith("lost"))
                .toList();
        return delivered.isEmpty() ? CompletableFuture.completedFuture(null) : delegate.dispatch(delivered);
    }
}
