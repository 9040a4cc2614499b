package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fold store and event store behind {@link FoldStateActivities}. */
public final class FoldStateActivitiesImpl implements FoldStateActivities {
    private final EventStore eventStore;
    private final FoldStore foldStore;

    public FoldStateActivitiesImpl(EventStore eventStore, FoldStore foldStore) {
        this.eventStore = eventStore;
        this.foldStore = foldStore;
    }

    @Override
    public Map<String, StoredFold> load(FoldGroupId group, List<String> folds) {
        Map<String, StoredFold> stored = new LinkedHashMap<>();
        for (String fold : folds) {
            foldStore.get(group.tenantId(), fold, group.aggregateKey()).ifPresent(s -> stored.put(fold, s));
        }
        return stored;
    }

    @Override
    public void store(FoldGroupId group, String fold, StoredFold state) {
        foldStore.store(group.tenantId(), fold, group.aggregateKey(), state);
    }

    @Override
    public List<StreamPosition> streamPositions(FoldGroupId group, String fold, List<StreamId> streams, long version) {
        return StreamPosition.listOf(foldStore.streamPositions(group.tenantId(), fold, group.aggregateKey(), streams, version));
    }

    @Override
    public void storeGlobal(FoldGroupId group, String fold, StoredFold state, List<StreamPosition> positions) {
        foldStore.storeStreamPositions(group.tenantId(), fold, group.aggregateKey(), state.version(), StreamPosition.mapOf(positions));
        foldStore.store(group.tenantId(), fold, group.aggregateKey(), state);
    }

    @Override
    public List<Event> readEvents(StreamId stream, long fromSeq, long toSeq) {
        return eventStore.read(stream, fromSeq, Math.min(toSeq, fromSeq + READ_PAGE - 1));
    }
}
