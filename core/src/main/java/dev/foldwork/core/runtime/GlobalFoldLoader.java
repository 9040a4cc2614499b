package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a global fold's state for a writer about to fold on from it. A global fold writes its
 * stream positions before the state they belong to, tagged with that state's version, so a writer
 * that dies in between leaves positions above the stored version. Reads ignore them while the
 * stored version is lower, but the next writer could store that very version for other events
 * (after a crash the redeliveries come in other batches), and the stray positions would then
 * count events as consumed that no stored state holds: billing would miss them for good. So a
 * loader that finds strays sets them back first: it writes those streams' stored positions again,
 * then the stored state, at a version above every stray one. A crash in between leaves strays
 * that the next load sets back the same way. A global fold's version therefore counts its writes'
 * events plus these jumps; it still only grows.
 */
public final class GlobalFoldLoader {
    private GlobalFoldLoader() {}

    public static Optional<StoredFold> load(FoldStore store, GlobalFoldProjection<?> fold, TenantId tenant, String key) {
        Optional<StoredFold> stored = store.get(tenant, fold.name(), key);
        long version = stored.map(StoredFold::version).orElse(0L);
        StrayPositions strays = store.strayPositions(tenant, fold.name(), key, version);
        if (strays.isEmpty()) {
            return stored;
        }
        Map<StreamId, Long> held = store.streamPositions(tenant, fold.name(), key, strays.streams(), version);
        Map<StreamId, Long> setBack = new LinkedHashMap<>();
        strays.streams().forEach(stream -> setBack.put(stream, held.getOrDefault(stream, 0L)));
        long above = strays.highestVersion() + 1;
        StoredFold base = stored.orElseGet(() -> new StoredFold(Json.toNode(fold.init()), FoldCheckpoint.START, 0));
        FoldCheckpoint checkpoint = base.checkpoint();
        store.storeStreamPositions(tenant, fold.name(), key, above, setBack);
        store.store(tenant, fold.name(), key, new StoredFold(base.state(),
                new FoldCheckpoint(above, checkpoint.lastEventId(), checkpoint.lastEventTimestamp()), base.generation()));
        return store.get(tenant, fold.name(), key);
    }
}
