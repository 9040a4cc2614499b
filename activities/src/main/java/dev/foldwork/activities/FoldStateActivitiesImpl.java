package dev.foldwork.activities;

import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fold store behind {@link FoldStateActivities}. */
public final class FoldStateActivitiesImpl implements FoldStateActivities {
    private final FoldStore foldStore;

    public FoldStateActivitiesImpl(FoldStore foldStore) {
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
}
