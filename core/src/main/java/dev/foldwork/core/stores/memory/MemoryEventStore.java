package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Events in memory, one sorted list per aggregate stream. No durability. */
public final class MemoryEventStore implements EventStore {
    static final Comparator<Event> ORDER = Comparator.comparingLong(Event::timestamp).thenComparing(Event::id);

    private final Map<StreamId, Stream> streams = new ConcurrentHashMap<>();

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        TenantScope.requireSameTenant(tenantId, events);
        for (Event event : events) {
            streams.computeIfAbsent(event.streamId(), id -> new Stream()).add(event);
        }
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        Stream stream = streams.get(new StreamId(tenantId, aggregateType, aggregateId));
        return stream == null ? List.of() : stream.snapshot();
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        return streams.keySet().stream()
                .filter(id -> id.tenantId().equals(tenantId) && id.aggregateType().equals(aggregateType))
                .map(StreamId::aggregateId)
                .sorted()
                .toList();
    }

    private static final class Stream {
        private final List<Event> events = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        synchronized void add(Event event) {
            if (!ids.add(event.id())) {
                return;
            }
            // Events mostly arrive in time order, so the insertion point is found from the end.
            int at = events.size();
            while (at > 0 && ORDER.compare(events.get(at - 1), event) > 0) {
                at--;
            }
            events.add(at, event);
        }

        synchronized List<Event> snapshot() {
            return List.copyOf(events);
        }
    }
}
