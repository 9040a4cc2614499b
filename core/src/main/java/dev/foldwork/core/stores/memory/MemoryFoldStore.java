package dev.foldwork.core.stores.memory;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Fold states in memory. Like a ReplacingMergeTree, the highest rank (generation, then version) wins. */
public final class MemoryFoldStore implements FoldStore {
    private record Key(TenantId tenantId, String projection, String aggregateKey) {
        Key {
            Ids.aggregateId("aggregateKey", aggregateKey);
        }
    }

    private record PositionKey(Key fold, StreamId stream) {}

    private final Map<Key, StoredFold> folds = new ConcurrentHashMap<>();
    /** Per global fold and source stream: version -> seq, so a read can ignore versions never stored. */
    private final Map<PositionKey, TreeMap<Long, Long>> positions = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        StoredFold fold = folds.get(new Key(tenantId, projection, aggregateKey));
        return fold == null ? Optional.empty() : Optional.of(new StoredFold(fold.state().deepCopy(), fold.checkpoint(), fold.generation()));
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        StoredFold copy = new StoredFold(fold.state().deepCopy(), fold.checkpoint(), fold.generation());
        folds.merge(new Key(tenantId, projection, aggregateKey), copy,
                (old, fresh) -> fresh.rank() > old.rank() ? fresh : old);
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        Key fold = new Key(tenantId, projection, aggregateKey);
        Map<StreamId, Long> found = new LinkedHashMap<>();
        for (StreamId stream : streams) {
            requireTenant(tenantId, stream);
            TreeMap<Long, Long> byVersion = positions.get(new PositionKey(fold, stream));
            if (byVersion == null) {
                continue;
            }
            synchronized (byVersion) {
                long highest = -1;
                for (long seq : byVersion.headMap(atOrBelowVersion, true).values()) {
                    highest = Math.max(highest, seq);
                }
                if (highest >= 0) {
                    found.put(stream, highest);
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
        streamPositions.forEach((stream, seq) -> {
            requireTenant(tenantId, stream);
            TreeMap<Long, Long> byVersion = positions.computeIfAbsent(new PositionKey(fold, stream), k -> new TreeMap<>());
            synchronized (byVersion) {
                byVersion.merge(version, seq, Math::max);
                collapseUpTo(byVersion, storedVersion);
            }
        });
    }

    /** Entries at or below the stored state's version only matter through their highest seq: keep one. */
    private static void collapseUpTo(TreeMap<Long, Long> byVersion, long storedVersion) {
        if (byVersion.size() <= 4) {
            return; // few enough to keep; collapsing costs more than it saves
        }
        Map<Long, Long> settled = byVersion.headMap(storedVersion, true);
        if (settled.size() > 1) {
            long lastVersion = byVersion.floorKey(storedVersion);
            long maxSeq = settled.values().stream().max(Long::compare).orElseThrow();
            settled.clear();
            byVersion.put(lastVersion, maxSeq);
        }
    }

    private static void requireTenant(TenantId tenantId, StreamId stream) {
        if (!stream.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("stream " + stream + " is not of tenant " + tenantId);
        }
    }
}
