package dev.foldwork.core.service;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events that are stored but whose dispatch failed, per stream, in order. They go out ahead of
 * the stream's next events (so a fold never skips one), and on their own when retried. Callers
 * hold the streams' locks, which serialise all work on one stream's list; the map itself is
 * concurrent, so the usual case (nothing waiting) costs every command one emptiness check.
 * Kept in this process only: a web process that dies with events here leaves them stored but
 * unprojected until they are dispatched again.
 */
final class UndispatchedEvents {
    private final Map<StreamId, List<Event>> pending = new ConcurrentHashMap<>();

    /** The streams' waiting events, then {@code events}. */
    List<Event> ahead(List<Event> events) {
        if (pending.isEmpty()) {
            return events;
        }
        Set<StreamId> streams = new LinkedHashSet<>();
        events.forEach(e -> streams.add(e.streamId()));
        List<Event> all = new ArrayList<>();
        for (StreamId stream : streams) {
            all.addAll(pending.getOrDefault(stream, List.of()));
        }
        if (all.isEmpty()) {
            return events;
        }
        all.addAll(events);
        return all;
    }

    void remember(List<Event> events) {
        for (Event event : events) {
            List<Event> waiting = pending.computeIfAbsent(event.streamId(), s -> new ArrayList<>());
            if (waiting.stream().noneMatch(e -> e.id().equals(event.id()))) {
                waiting.add(event);
            }
        }
    }

    void forget(List<Event> events) {
        if (pending.isEmpty()) {
            return;
        }
        for (Event event : events) {
            List<Event> waiting = pending.get(event.streamId());
            if (waiting != null) {
                waiting.removeIf(e -> e.id().equals(event.id()));
                if (waiting.isEmpty()) {
                    pending.remove(event.streamId());
                }
            }
        }
    }

    List<StreamId> streams() {
        return List.copyOf(pending.keySet());
    }

    List<Event> of(StreamId stream) {
        return List.copyOf(pending.getOrDefault(stream, List.of()));
    }
}
