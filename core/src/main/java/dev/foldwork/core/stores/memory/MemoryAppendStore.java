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

    @Override
    public void append(TenantId tenantId, String projection, List<MapRecord> batch) {
        for (MapRecord record : batch) {
            records.computeIfAbsent(new Key(tenantId, projection, record.aggregateId()), k -> new ConcurrentHashMap<>())
                    .putIfAbsent(record.eventId(), new MapRecord(record.eventId(), record.aggregateId(),
                            record.timestamp(), record.data().deepCopy()));
        }
    }

    @Override
    public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
        Map<String, MapRecord> found = records.get(new Key(tenantId, projection, aggregateId));
        return found == null ? List.of() : found.values().stream().sorted(ORDER).toList();
    }
}
