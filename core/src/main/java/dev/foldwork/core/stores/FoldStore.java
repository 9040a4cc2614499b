package dev.foldwork.core.stores;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Persisted fold states, one per tenant, fold and aggregate key. A write never replaces newer
 * state: of all states stored for a key, {@code get} returns the one with the highest
 * {@linkplain StoredFold#rank() rank}, generation first, then version. That is the fence against a
 * stale writer, because a version names the events a state holds: for an aggregate fold it is the
 * last {@code seq} applied, so two writers of one version wrote the same state, and a writer that
 * computed from an older state writes a lower version and loses. A rebuild stores a higher
 * generation, which outranks the states of every writer that loaded an older one.
 */
public interface FoldStore {
    Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey);

    void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold);

    /** Stores many keys' states of one fold, as one write where the store can (a rebuild writes in big batches). */
    default void storeAll(TenantId tenantId, String projection, Map<String, StoredFold> folds) {
        folds.forEach((key, fold) -> store(tenantId, projection, key, fold));
    }

    /**
     * The generation of the key's highest-ranked state (0 when none is stored): how a writer learns
     * that a rebuild superseded it, without reading the state itself.
     */
    default int generation(TenantId tenantId, String projection, String aggregateKey) {
        return get(tenantId, projection, aggregateKey).map(StoredFold::generation).orElse(0);
    }

    /** The version of each key's highest-ranked state, for the keys that have one (catch-up asks for many at once). */
    default Map<String, Long> versions(TenantId tenantId, String projection, Collection<String> aggregateKeys) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String key : aggregateKeys) {
            get(tenantId, projection, key).ifPresent(fold -> versions.put(key, fold.version()));
        }
        return versions;
    }

    /**
     * A global fold's positions in its source streams: per stream, the {@code seq} written with
     * the highest version up to {@code atOrBelowVersion}, within that version's generation band
     * ({@link VersionBands}; a later version may set a stream back, see {@link #strayPositions}).
     * Streams never consumed in the band are absent. Positions written for a higher version
     * belong to a state that was never stored (or lost to another writer) and are ignored, as are
     * those of an older band (written by an older generation's writers).
     */
    Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                        Collection<StreamId> streams, long atOrBelowVersion);

    /**
     * Records the positions a global fold's state of {@code version} reached; written before that
     * state, so a state that is stored always has its positions.
     */
    void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                              Map<StreamId, Long> positions);

    /**
     * Positions written for versions above {@code version}, the stored state's, within its
     * generation band ({@link VersionBands}; a later band's are a rebuild's, not strays): {@link
     * StrayPositions#NONE} when there are none, which the store answers without reading every
     * position of the key.
     */
    StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version);
}
