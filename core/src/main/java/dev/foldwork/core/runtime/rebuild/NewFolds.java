package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.rebuild.RebuildStatus.State;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the folds that history has not seen: an aggregate fold added to a pipeline after events
 * of its aggregate type were stored, or a global fold added after events it routes were stored
 * (every key of it, see {@link GlobalRebuilder}). A fold is marked built in the fold store (under the reserved
 * tenant) once every tenant's rebuild of it is done; an unmarked fold is rebuilt for every tenant
 * that wrote since the store began, one tenant at a time, and marked when all succeeded, so a
 * process that dies halfway leaves it for the next start. On an empty store a fold is marked at
 * once. (An aggregate that gets a new event builds its new fold anyway, since a fold reads what it
 * misses from the store; this covers the aggregates that get none. A global fold reads only the
 * streams its events arrive from, so without this it would never see the others.) A global fold
 * that was there before this covered global folds is built once too: the rebuilt state equals the
 * log, whatever the old one held.
 */
public final class NewFolds {
    private static final Logger LOG = LoggerFactory.getLogger(NewFolds.class);
    static final String BUILT = "fold_built";

    private final List<FoldProjection<?>> folds;
    private final EventStore events;
    private final FoldStore store;
    private final Rebuilds rebuilds;

    public NewFolds(List<FoldProjection<?>> folds, EventStore events, FoldStore store, Rebuilds rebuilds) {
        this.folds = folds;
        this.events = events;
        this.store = store;
        this.rebuilds = rebuilds;
    }

    /** The folds not marked built yet. */
    public List<String> unbuilt() {
        List<String> names = new ArrayList<>();
        for (FoldProjection<?> fold : folds) {
            if (store.get(CatchUp.SYSTEM, BUILT, fold.name()).isEmpty()) {
                names.add(fold.name());
            }
        }
        return names;
    }

    /** Rebuilds and marks every unbuilt fold; blocks until done. Returns the rebuilds it ran. */
    public List<RebuildStatus> buildAll() throws InterruptedException {
        List<RebuildStatus> ran = new ArrayList<>();
        List<String> unbuilt = unbuilt();
        if (unbuilt.isEmpty()) {
            return ran; // the usual start: no need to list every tenant the store ever saw
        }
        List<TenantId> tenants = events.tenantsWrittenSince(0).stream().filter(t -> !t.equals(CatchUp.SYSTEM)).toList();
        for (String fold : unbuilt) {
            boolean allDone = true;
            for (TenantId tenant : tenants) {
                RebuildStatus end = build(fold, tenant);
                ran.add(end);
                allDone &= end.state() == State.DONE;
            }
            if (allDone) {
                store.store(CatchUp.SYSTEM, BUILT, fold, new StoredFold(Json.object().put("built", true),
                        new FoldCheckpoint(1, null, 0)));
                LOG.info("fold " + fold + " is built from the history of " + tenants.size() + " tenants");
            } else {
                LOG.warn("fold " + fold + " is not built for every tenant; the next start tries again");
            }
        }
        return ran;
    }

    private RebuildStatus build(String fold, TenantId tenant) throws InterruptedException {
        RebuildStatus started;
        try {
            started = rebuilds.start(new RebuildRequest(tenant, fold, null));
        } catch (RebuildRefusedException e) {
            LOG.info("fold " + fold + " of " + tenant + " is not built here: " + e.getMessage());
            return new RebuildStatus("-", tenant.value(), fold, null, State.CANCELLED, 0, 0, 0, 0, 0, 0, e.getMessage(), 0);
        }
        CompletableFuture<RebuildStatus> ending = rebuilds.ending(started.id())
                .orElseGet(() -> CompletableFuture.completedFuture(rebuilds.get(started.id()).orElse(started)));
        try {
            return ending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("building fold " + fold + " for " + tenant + " failed", e.getCause());
        }
    }
}
