package dev.foldwork.activities;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.stores.StoredFold;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Reads and writes the persisted state of a fold group's folds, and reads the event log they fold. */
@ActivityInterface
public interface FoldStateActivities {
    /** Most events, and estimated bytes, one {@link #readEvents} returns: far below Temporal's 2 MB payload limit. */
    int READ_PAGE = 200;
    long READ_PAGE_BYTES = 256 * 1024;

    /** The stored state of each named fold of the group; a fold never stored is absent. */
    @ActivityMethod(name = "LoadFoldStates")
    Map<String, StoredFold> load(FoldGroupId group, List<String> folds);

    /** The failure type of a store whose state lost to a rebuild's newer generation: load the states again. */
    String SUPERSEDED = "FoldSuperseded";

    /**
     * Stores one fold's state; storing the same version again changes nothing, an older one never
     * wins. Fails, without retries, with type {@link #SUPERSEDED} when a rebuild stored a newer
     * generation of the fold, which outranks this state.
     */
    @ActivityMethod(name = "StoreFoldState")
    void store(FoldGroupId group, String fold, StoredFold state);

    /** A global fold's positions in the given source streams, as of its state {@code version}. */
    @ActivityMethod(name = "LoadStreamPositions")
    List<StreamPosition> streamPositions(FoldGroupId group, String fold, List<StreamId> streams, long version);

    /** Stores a global fold's state and, first, the stream positions that state reached. */
    @ActivityMethod(name = "StoreGlobalFoldState")
    void storeGlobal(FoldGroupId group, String fold, StoredFold state, List<StreamPosition> positions);

    /**
     * Stored events of the given ranges, in order, as far as one page holds (at most
     * {@link #READ_PAGE} events and about {@link #READ_PAGE_BYTES}, but always the first range's
     * first event): the page says how many ranges it read.
     */
    @ActivityMethod(name = "ReadEvents")
    GapFiller.ReadPage readEvents(List<SeqRange> ranges);
}
