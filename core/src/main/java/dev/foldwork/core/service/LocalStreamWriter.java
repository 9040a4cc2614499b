package dev.foldwork.core.service;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of every stream when one process takes commands (memory mode, or an
 * all-in-one service): under the streams' locks it gives each event the next {@code seq}, appends
 * the batch and dispatches it. It holds within this process only; with several web processes a
 * writer that spans them (Redis, Temporal) takes its place.
 */
public final class LocalStreamWriter implements StreamWriter {
    private static final Logger log = LoggerFactory.getLogger(LocalStreamWriter.class);

    private final EventStore eventStore;
    private final EventDispatcher dispatcher;
    private final StreamLocks locks = new StreamLocks(1024);
    private final StreamSequences sequences;

    public LocalStreamWriter(EventStore eventStore, EventDispatcher dispatcher) {
        this.eventStore = eventStore;
        this.dispatcher = dispatcher;
        this.sequences = new StreamSequences(eventStore);
    }

    @Override
    public List<Event> write(List<NewEvent> newEvents, Map<StreamId, Long> expected) {
        Set<StreamId> streams = new LinkedHashSet<>(expected.keySet());
        newEvents.forEach(event -> streams.add(event.stream()));
        List<Event> events;
        CompletableFuture<Void> dispatched;
        List<ReentrantLock> held = locks.lock(List.copyOf(streams));
        try {
            for (Map.Entry<StreamId, Long> decidedAt : expected.entrySet()) {
                long last = sequences.last(decidedAt.getKey());
                if (last != decidedAt.getValue()) {
                    throw new StaleDecisionException(decidedAt.getKey(), decidedAt.getValue(), last);
                }
            }
            events = sequenced(newEvents);
            append(events);
            dispatched = dispatch(events); // under the lock, so deliveries usually come in seq order
        } finally {
            StreamLocks.unlock(held);
        }
        awaitDispatch(dispatched, events);
        return events;
    }

    private List<Event> sequenced(List<NewEvent> newEvents) {
        Map<StreamId, Long> next = new HashMap<>();
        List<Event> events = new ArrayList<>(newEvents.size());
        for (NewEvent event : newEvents) {
            long seq = next.computeIfAbsent(event.stream(), sequences::last) + 1;
            next.put(event.stream(), seq);
            events.add(event.at(seq));
        }
        return events;
    }

    private void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        TenantId tenantId = events.get(0).tenantId();
        try {
            eventStore.append(tenantId, events);
        } catch (RuntimeException e) {
            events.forEach(event -> sequences.forget(event.streamId()));
            throw e;
        }
        events.forEach(event -> sequences.advanced(event.streamId(), event.seq()));
    }

    private CompletableFuture<Void> dispatch(List<Event> events) {
        try {
            return dispatcher.dispatch(events);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void awaitDispatch(CompletableFuture<Void> dispatched, List<Event> events) {
        try {
            dispatched.join();
        } catch (CompletionException e) {
            log.warn(events.size() + " stored events were not dispatched (" + (e.getCause() == null ? e : e.getCause())
                    + "); catch-up will project them from the store");
        }
    }
}
