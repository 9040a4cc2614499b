package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.RebuiltRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Map records in memory, idempotent by event id; a rebuild's generation replaces older ones. */
public final class MemoryAppendStore implements AppendStore {
    private record Key(TenantId tenantId, String projection, String aggregateId) {
        Key {
            Ids.aggregateId("aggregateId", aggregateId);
        }
    }

    private static final Comparator<MapRecord> ORDER =
            Comparator.comparingLong(MapRecord::timestamp).thenComparing(MapRecord::eventId);

    /** An event's record (null once a rebuild removed it) and the generation that wrote it. */
    private record Held(MapRecord record, int generation) {}

    private final Map<Key, Map<String, Held>> records = new ConcurrentHashMap<>();

    /** Takes the records as they are: the caller must not change their data afterwards. */
    @Override
    public void append(TenantId tenantId, String projection, List<MapRecord> batch) {
        Key key = null;
        Map<String, Held> target = null;
        for (MapRecord record : batch) {
            if (target == null || !key.aggregateId().equals(record.aggregateId())) {
                key = new Key(tenantId, projection, record.aggregateId());
                target = records.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            }
            target.putIfAbsent(record.eventId(), new Held(record, 0));
        }
    }

    @Override
    public void replace(TenantId tenantId, String projection, int generation, List<RebuiltRecord> outcomes) {
        if (generation < 1) {
            throw new IllegalArgumentException("a rebuild's generation is 1 or more, was " + generation);
        }
        for (RebuiltRecord outcome : outcomes) {
            MapRecord record = outcome.data() == null ? null
                    : new MapRecord(outcome.eventId(), outcome.aggregateId(), outcome.timestamp(), outcome.data());
            records.computeIfAbsent(new Key(tenantId, projection, outcome.aggregateId()), k -> new ConcurrentHashMap<>())
                    .merge(outcome.eventId(), new Held(record, generation),
                            (held, rebuilt) -> held.generation() > generation ? held : rebuilt);
        }
    }

    /** Copies, so a reader cannot change what is stored. */
    @Override
    public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
        Map<String, Held> found = records.get(new Key(tenantId, projection, aggregateId));
        if (found == null) {
            return List.of();
        }
        return found.values().stream().map(Held::record).filter(Objects::nonNull).sorted(ORDER)
                .map(r -> new MapRecord(r.eventId(), r.aggregateId(), r.timestamp(), r.data().deepCopy()))
                .toList();
    }
}
