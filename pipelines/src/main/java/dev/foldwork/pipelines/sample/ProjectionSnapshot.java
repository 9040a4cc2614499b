package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.MapRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every fold state and map record a run left behind, read back through the store contracts, so
 * the same reader serves each dispatch mode: the parity test compares two snapshots, the demo
 * prints one. Aggregates are found through the event store, global keys by keying its events.
 */
public final class ProjectionSnapshot {
    /** Where a projection's output lives: tenant, projection name, and aggregate id or global key. */
    public record Address(String tenant, String projection, String key) implements Comparable<Address> {
        @Override
        public int compareTo(Address other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return tenant + "/" + projection + "/" + key;
        }
    }

    private final SortedMap<Address, JsonNode> folds;
    private final SortedMap<Address, List<MapRecord>> maps;

    private ProjectionSnapshot(SortedMap<Address, JsonNode> folds, SortedMap<Address, List<MapRecord>> maps) {
        this.folds = folds;
        this.maps = maps;
    }

    public static ProjectionSnapshot read(PipelineRegistry registry, EventStore events, FoldStore foldStore,
                                          AppendStore appendStore, List<TenantId> tenants) {
        SortedMap<Address, JsonNode> folds = new TreeMap<>();
        SortedMap<Address, List<MapRecord>> maps = new TreeMap<>();
        for (TenantId tenant : tenants) {
            Map<GlobalFoldProjection<?>, SortedSet<String>> globalKeys = new LinkedHashMap<>();
            registry.globalFolds().forEach(fold -> globalKeys.put(fold, new TreeSet<>()));
            for (Pipeline pipeline : registry.pipelines()) {
                for (String aggregateId : events.aggregateIds(tenant, pipeline.aggregateType())) {
                    for (FoldProjection<?> fold : pipeline.folds()) {
                        readFold(foldStore, tenant, fold.name(), aggregateId, folds);
                    }
                    for (MapProjection<?> map : pipeline.maps()) {
                        List<MapRecord> records = appendStore.read(tenant, map.name(), aggregateId);
                        if (!records.isEmpty()) {
                            maps.put(new Address(tenant.value(), map.name(), aggregateId), records);
                        }
                    }
                    for (Event event : events.read(tenant, pipeline.aggregateType(), aggregateId)) {
                        globalKeys.forEach((fold, keys) -> fold.key(event).ifPresent(keys::add));
                    }
                }
            }
            globalKeys.forEach((fold, keys) -> keys.forEach(key -> readFold(foldStore, tenant, fold.name(), key, folds)));
        }
        return new ProjectionSnapshot(folds, maps);
    }

    private static void readFold(FoldStore store, TenantId tenant, String fold, String key, Map<Address, JsonNode> into) {
        store.get(tenant, fold, key).ifPresent(stored -> into.put(new Address(tenant.value(), fold, key), stored.state()));
    }

    /** Every fold state as stored, by address. */
    public SortedMap<Address, JsonNode> folds() {
        return folds;
    }

    /** Every map record, by projection and aggregate, in the store's order. */
    public SortedMap<Address, List<MapRecord>> maps() {
        return maps;
    }

    /** One fold's states of one tenant, by aggregate id or global key, read as the fold's own type. */
    public <S> SortedMap<String, S> states(TenantId tenant, FoldProjection<S> fold) {
        SortedMap<String, S> states = new TreeMap<>();
        folds.forEach((address, state) -> {
            if (address.tenant().equals(tenant.value()) && address.projection().equals(fold.name())) {
                states.put(address.key(), Json.fromNode(state, fold.stateType()));
            }
        });
        return states;
    }

    /** How many records one map projection holds over all tenants. */
    public long recordCount(MapProjection<?> map) {
        return maps.entrySet().stream()
                .filter(entry -> entry.getKey().projection().equals(map.name()))
                .mapToLong(entry -> entry.getValue().size())
                .sum();
    }
}
