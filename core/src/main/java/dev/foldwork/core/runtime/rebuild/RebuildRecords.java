package dev.foldwork.core.runtime.rebuild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuild records kept in the fold store under the framework's reserved tenant, as catch-up keeps
 * its watermark: any process serving the admin API reads them, and a restart keeps them. Each
 * record is a state whose version is its revision, so the newest write wins; an index state lists
 * the most recent {@value #KEPT} ids, newest first.
 */
final class RebuildRecords {
    static final String RECORDS = "rebuilds";
    static final String INDEX = "rebuild_index";
    static final int KEPT = 100;

    private final FoldStore store;

    RebuildRecords(FoldStore store) {
        this.store = store;
    }

    void save(RebuildStatus status) {
        store.store(CatchUp.SYSTEM, RECORDS, status.id(),
                new StoredFold(Json.toNode(status), new FoldCheckpoint(status.revision(), null, status.heartbeatAtMs())));
    }

    Optional<RebuildStatus> get(String id) {
        return store.get(CatchUp.SYSTEM, RECORDS, id).map(stored -> Json.fromNode(stored.state(), RebuildStatus.class));
    }

    /** Adds a new record's id to the index. Two processes adding at once may drop one id from the list (not the record). */
    synchronized void index(String id) {
        Optional<StoredFold> stored = store.get(CatchUp.SYSTEM, INDEX, INDEX);
        ArrayNode ids = Json.mapper().createArrayNode().add(id);
        long revision = 1;
        if (stored.isPresent()) {
            revision = stored.get().version() + 1;
            for (int i = 0; i < stored.get().state().size() && ids.size() < KEPT; i++) {
                ids.add(stored.get().state().get(i).asText());
            }
        }
        store.store(CatchUp.SYSTEM, INDEX, INDEX, new StoredFold(ids, new FoldCheckpoint(revision, null, 0)));
    }

    /** The most recent records, newest first. */
    List<RebuildStatus> recent() {
        List<RebuildStatus> found = new ArrayList<>();
        store.get(CatchUp.SYSTEM, INDEX, INDEX).ifPresent(index -> index.state()
                .forEach(id -> get(id.asText()).ifPresent(found::add)));
        return found;
    }
}
