package dev.foldwork.workflows.client;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.ForwardingEventStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For a process that is web and worker at once: tells the web's waiting writes when this
 * process's worker stored their events ({@link #watching} the worker's event store). With it an
 * ingestion write travels as a signal, as it does to a Temporal server of its own, and is still
 * answered only once its events are in the store, which a kill of the process cannot take back.
 */
public final class LocalAppendWatch {
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private volatile EventStore store;

    /** The store for this process's worker: its appends complete the writes waiting for them. */
    public EventStore watching(EventStore workerStore) {
        store = workerStore;
        return new ForwardingEventStore(workerStore) {
            @Override
            public void append(TenantId tenantId, List<Event> events) {
                super.append(tenantId, events);
                stored(events);
            }
        };
    }

    /** Completes with the event's seq once this process's worker stored it; {@link #forget} it after. */
    CompletableFuture<Long> expect(String eventId) {
        return waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    void forget(String eventId) {
        waiting.remove(eventId);
    }

    /** Whether the stream holds the event: for a write another process's worker may have stored. */
    boolean holds(StreamId stream, String eventId) {
        EventStore watched = store;
        return watched != null && watched.read(stream.tenantId(), stream.aggregateType(), stream.aggregateId()).stream()
                .anyMatch(event -> event.id().equals(eventId));
    }

    private void stored(List<Event> events) {
        if (waiting.isEmpty()) {
            return;
        }
        for (Event event : events) {
            CompletableFuture<Long> stored = waiting.get(event.id());
            if (stored != null) {
                stored.complete(event.seq());
            }
        }
    }
}
