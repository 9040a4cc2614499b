package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.StreamHead;
import dev.foldwork.core.stores.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Events in memory, one map by {@code seq} per stream. The first event stored at a {@code seq}
 * stays. Ids are not looked up, as in the ClickHouse store: an id stored again at another seq is
 * kept there too (a stream's writer stores each event once), so a writer that repeats an event
 * shows it here as it would in production. No durability.
 */
public final class MemoryEventStore implements EventStore {
    private final Map<StreamId, Stream> streams = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public MemoryEventStore() {
        this(System::currentTimeMillis);
    }

    /** {@code clock} stamps the ingestion time that catch-up's watermark is compared with. */
    public MemoryEventStore(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        TenantScope.requireSameTenant(tenantId, events);
        long now = clock.getAsLong();
        for (Event event : events) {
            streams.computeIfAbsent(event.streamId(), id -> new Stream()).add(event, now);
        }
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        return read(new StreamId(tenantId, aggregateType, aggregateId), 1, Long.MAX_VALUE);
    }

    @Override
    public List<Event> read(StreamId stream, long fromSeq, long toSeq) {
        Stream found = streams.get(stream);
        return found == null ? List.of() : found.range(fromSeq, toSeq);
    }

    @Override
    public long lastSeq(StreamId stream) {
        Stream found = streams.get(stream);
        return found == null ? 0 : found.lastSeq();
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        return streams.keySet().stream()
                .filter(id -> id.tenantId().equals(tenantId) && id.aggregateType().equals(aggregateType))
                .map(StreamId::aggregateId)
                .sorted()
                .toList();
    }

    @Override
    public List<TenantId> tenantsWrittenSince(long sinceMs) {
        Set<TenantId> tenants = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        streams.forEach((id, stream) -> {
            if (stream.writtenAt() >= sinceMs) {
                tenants.add(id.tenantId());
            }
        });
        return List.copyOf(tenants);
    }

    @Override
    public List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs) {
        List<StreamHead> heads = new ArrayList<>();
        streams.forEach((id, stream) -> {
            if (id.tenantId().equals(tenantId)) {
                stream.headSince(id, sinceMs, settledAtMs).ifPresent(heads::add);
            }
        });
        return heads;
    }

    private static final class Stream {
        /** An event with the ingestion time it was stored at. */
        private record Stored(Event event, long at) {}

        private final TreeMap<Long, Stored> bySeq = new TreeMap<>();
        private volatile long writtenAt;

        synchronized void add(Event event, long now) {
            if (bySeq.containsKey(event.seq())) {
                return;
            }
            bySeq.put(event.seq(), new Stored(event, now));
            writtenAt = Math.max(writtenAt, now);
        }

        /** Walks back from the newest event while it was stored at or after {@code sinceMs}. */
        synchronized Optional<StreamHead> headSince(StreamId id, long sinceMs, long settledAtMs) {
            if (writtenAt < sinceMs) {
                return Optional.empty();
            }
            long first = bySeq.lastKey();
            long settled = 0;
            for (Map.Entry<Long, Stored> stored : bySeq.descendingMap().entrySet()) {
                if (settled == 0 && stored.getValue().at() <= settledAtMs) {
                    settled = stored.getKey();
                }
                if (stored.getValue().at() < sinceMs) {
                    break; // a stream is written in seq order, so everything below was stored earlier
                }
                first = stored.getKey();
            }
            return Optional.of(new StreamHead(id, first, bySeq.lastKey(), settled, writtenAt));
        }

        synchronized List<Event> range(long fromSeq, long toSeq) {
            if (fromSeq > toSeq) {
                return List.of();
            }
            return bySeq.subMap(fromSeq, true, toSeq, true).values().stream().map(Stored::event).toList();
        }

        synchronized long lastSeq() {
            return bySeq.isEmpty() ? 0 : bySeq.lastKey();
        }

        long writtenAt() {
            return writtenAt;
        }
    }
}
