package dev.foldwork.core.stores.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.TypedObjectNode;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import dev.foldwork.core.stores.VersionBands;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Fold states in memory. Like a ReplacingMergeTree, the highest rank (generation, then version) wins. */
public final class MemoryFoldStore implements FoldStore {
    private record Key(TenantId tenantId, String projection, String aggregateKey) {
        Key {
            Ids.aggregateId("aggregateKey", aggregateKey);
        }
    }

    private final Map<Key, StoredFold> folds = new ConcurrentHashMap<>();
    /** Per global fold key and source stream: version -> seq, so a read can ignore versions never stored. */
    private final Map<Key, Map<StreamId, TreeMap<Long, Long>>> positions = new ConcurrentHashMap<>();
    /** Per global fold key, the highest version positions were written for. */
    private final Map<Key, Long> highestPositionVersion = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        StoredFold fold = folds.get(new Key(tenantId, projection, aggregateKey));
        return fold == null ? Optional.empty() : Optional.of(new StoredFold(unshared(fold.state()), fold.checkpoint(), fold.generation()));
    }

    @Override
    public int generation(TenantId tenantId, String projection, String aggregateKey) {
        StoredFold fold = folds.get(new Key(tenantId, projection, aggregateKey));
        return fold == null ? 0 : fold.generation();
    }

    /** Without copying the states (as {@link #get} does): catch-up asks for every stream written since its watermark. */
    @Override
    public Map<String, Long> versions(TenantId tenantId, String projection, Collection<String> aggregateKeys) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String key : aggregateKeys) {
            StoredFold fold = folds.get(new Key(tenantId, projection, key));
            if (fold != null) {
                versions.put(key, fold.version());
            }
        }
        return versions;
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        StoredFold copy = new StoredFold(unshared(fold.state()), fold.checkpoint(), fold.generation());
        folds.merge(new Key(tenantId, projection, aggregateKey), copy,
                (old, fresh) -> fresh.rank() > old.rank() ? fresh : old);
    }

    /**
     * A state neither the store's caller nor the store can change for the other: a copy, but for a
     * {@link TypedObjectNode}, which nobody changes (the executor's states), so it is shared.
     */
    private static JsonNode unshared(JsonNode state) {
        return state instanceof TypedObjectNode ? state : state.deepCopy();
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        Map<StreamId, TreeMap<Long, Long>> ofFold = positions.getOrDefault(new Key(tenantId, projection, aggregateKey), Map.of());
        Map<StreamId, Long> found = new LinkedHashMap<>();
        for (StreamId stream : streams) {
            requireTenant(tenantId, stream);
            TreeMap<Long, Long> byVersion = ofFold.get(stream);
            if (byVersion == null) {
                continue;
            }
            synchronized (byVersion) {
                Map.Entry<Long, Long> latest = byVersion.floorEntry(atOrBelowVersion);
                if (latest != null && latest.getKey() >= VersionBands.start(atOrBelowVersion)) {
                    found.put(stream, latest.getValue());
                }
            }
        }
        return found;
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> streamPositions) {
        Key fold = new Key(tenantId, projection, aggregateKey);
        StoredFold current = folds.get(fold);
        long storedVersion = current == null ? 0 : current.version();
        Map<StreamId, TreeMap<Long, Long>> ofFold = positions.computeIfAbsent(fold, k -> new ConcurrentHashMap<>());
        streamPositions.forEach((stream, seq) -> {
            requireTenant(tenantId, stream);
            TreeMap<Long, Long> byVersion = ofFold.computeIfAbsent(stream, k -> new TreeMap<>());
            synchronized (byVersion) {
                byVersion.merge(version, seq, Math::max);
                collapseUpTo(byVersion, storedVersion);
            }
        });
        if (!streamPositions.isEmpty()) {
            highestPositionVersion.merge(fold, version, Math::max);
        }
    }

    @Override
    public StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version) {
        Key fold = new Key(tenantId, projection, aggregateKey);
        long highest = highestPositionVersion.getOrDefault(fold, 0L);
        if (highest <= version) {
            return StrayPositions.NONE;
        }
        Set<StreamId> streams = new LinkedHashSet<>();
        long highestInBand = 0;
        for (Map.Entry<StreamId, TreeMap<Long, Long>> stream : positions.getOrDefault(fold, Map.of()).entrySet()) {
            TreeMap<Long, Long> byVersion = stream.getValue();
            synchronized (byVersion) {
                Long above = byVersion.lowerKey(VersionBands.end(version));
                if (above != null && above > version) {
                    streams.add(stream.getKey());
                    highestInBand = Math.max(highestInBand, above);
                }
            }
        }
        return streams.isEmpty() ? StrayPositions.NONE : new StrayPositions(highestInBand, streams);
    }

    /** Entries at or below the stored state's version only matter through the latest of them: keep that one. */
    private static void collapseUpTo(TreeMap<Long, Long> byVersion, long storedVersion) {
        if (byVersion.size() <= 4) {
            return; // few enough to keep; collapsing costs more than it saves
        }
        Map<Long, Long> settled = byVersion.headMap(storedVersion, true);
        if (settled.size() > 1) {
            Map.Entry<Long, Long> latest = byVersion.floorEntry(storedVersion);
            settled.clear();
            byVersion.put(latest.getKey(), latest.getValue());
        }
    }

    private static void requireTenant(TenantId tenantId, StreamId stream) {
        if (!stream.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("stream " + stream + " is not of tenant " + tenantId);
        }
    }
}
