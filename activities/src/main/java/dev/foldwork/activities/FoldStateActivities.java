package dev.foldwork.activities;

import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.StoredFold;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Reads and writes the persisted state of a fold group's folds. */
@ActivityInterface
public interface FoldStateActivities {
    /** The stored state of each named fold of the group; a fold never stored is absent. */
    @ActivityMethod(name = "LoadFoldStates")
    Map<String, StoredFold> load(FoldGroupId group, List<String> folds);

    /** Stores one fold's state; storing the same version again changes nothing. */
    @ActivityMethod(name = "StoreFoldState")
    void store(FoldGroupId group, String fold, StoredFold state);
}
