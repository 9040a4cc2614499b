package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Load, apply, store for every fold of a group, once per batch. Used by the dispatch modes
 * that run folds outside a workflow (memory, Redis). Each fold's reactions are handed on
 * right after that fold's state is stored, so a later fold failing cannot lose them.
 */
public final class FoldExecutor {
    private final EventRouter router;
    private final FoldStore foldStore;

    public FoldExecutor(EventRouter router, FoldStore foldStore) {
        this.router = router;
        this.foldStore = foldStore;
    }

    public void execute(FoldGroupId group, List<Event> events, Consumer<ReactorCall> afterPersist) {
        for (FoldProjection<?> fold : router.folds(group)) {
            executeOne(group, fold, events, afterPersist);
        }
    }

    private <S> void executeOne(FoldGroupId group, FoldProjection<S> fold, List<Event> events, Consumer<ReactorCall> afterPersist) {
        Optional<StoredFold> stored = foldStore.get(group.tenantId(), fold.name(), group.aggregateKey());
        S state = stored.map(s -> Json.fromNode(s.state(), fold.stateType())).orElseGet(fold::init);
        FoldCheckpoint checkpoint = stored.map(StoredFold::checkpoint).orElse(FoldCheckpoint.START);

        FoldStep.Result<S> result = FoldStep.apply(fold, state, checkpoint, events);
        if (!result.changed()) {
            return;
        }
        JsonNode persisted = Json.toNode(result.state());
        foldStore.store(group.tenantId(), fold.name(), group.aggregateKey(), new StoredFold(persisted, result.checkpoint()));

        for (ReactorBinding<?> binding : router.registry().reactorsOf(fold.name())) {
            for (Event event : result.applied()) {
                afterPersist.accept(new ReactorCall(group, fold.name(), binding.reactor().name(), event, persisted));
            }
        }
    }
}
