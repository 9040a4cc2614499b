package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.MapRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Map records in memory, idempotent by event id. */
public final class MemoryAppendStore implements AppendStore {
    private record Key(TenantId tenantId, String projection, String aggregateId) {
        Key {
            Ids.aggregateId("aggregateId", aggregateId);
        }
    }

    private static final Comparator<MapRecord> ORDER =
            Comparator.comparingLong(MapRecord::timestamp).thenComparing(MapRecord::eventId);

    private final Map<Key, Map<String, MapRecord>> records = new ConcurrentHashMap<>();

    /** Takes the records as they are: the caller must not change their data afterwards. */
    @Override
    public void append(TenantId tenantId, String projection, List<MapRecord> batch) {
        Key key = null;
        Map<String, MapRecord> target = null;
        for (MapRecord record : batch) {
            if (target == null || !key.aggregateId().equals(record.aggregateId())) {
                key = new Key(tenantId, projection, record.aggregateId());
                target = records.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            }
            target.putIfAbsent(record.eventId(), record);
        }
    }

    /** Copies, so a reader cannot change what is stored. */
    @Override
    public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
        Map<String, MapRecord> found = records.get(new Key(tenantId, projection, aggregateId));
        if (found == null) {
            return List.of();
        }
        return found.values().stream().sorted(ORDER)
                .map(r -> new MapRecord(r.eventId(), r.aggregateId(), r.timestamp(), r.data().deepCopy()))
                .toList();
    }
}
