package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.GlobalFoldLoader;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.runtime.StoredStates;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fold store and event store behind {@link FoldStateActivities}. */
public final class FoldStateActivitiesImpl implements FoldStateActivities {
    private final PipelineRegistry registry;
    private final EventStore eventStore;
    private final FoldStore foldStore;
    private final StoredStates storedStates;

    /** Each state stored and not superseded is remembered in {@code storedStates}, for this process's reactions by reference. */
    public FoldStateActivitiesImpl(PipelineRegistry registry, EventStore eventStore, FoldStore foldStore,
                                   StoredStates storedStates) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.foldStore = foldStore;
        this.storedStates = storedStates;
    }

    /** A global fold is loaded through {@link GlobalFoldLoader}, which sets back positions a dead writer left. */
    @Override
    public Map<String, StoredFold> load(FoldGroupId group, List<String> folds) {
        Map<String, StoredFold> stored = new LinkedHashMap<>();
        for (String fold : folds) {
            Optional<StoredFold> loaded = registry.fold(fold).orElse(null) instanceof GlobalFoldProjection<?> global
                    ? GlobalFoldLoader.load(foldStore, global, group.tenantId(), group.aggregateKey())
                    : foldStore.get(group.tenantId(), fold, group.aggregateKey());
            loaded.ifPresent(s -> stored.put(fold, s));
        }
        return stored;
    }

    @Override
    public void store(FoldGroupId group, String fold, StoredFold state) {
        foldStore.store(group.tenantId(), fold, group.aggregateKey(), state);
        requireNotSuperseded(group, fold, state);
        storedStates.remember(group, fold, state, null);
    }

    /** A rebuild stored a newer generation: the workflow must load it and fold on from there. */
    private void requireNotSuperseded(FoldGroupId group, String fold, StoredFold state) {
        int current = foldStore.generation(group.tenantId(), fold, group.aggregateKey());
        if (current > state.generation()) {
            throw ApplicationFailure.newNonRetryableFailure(group + ": " + fold + " of generation " + state.generation()
                    + " was superseded by a rebuild's generation " + current, SUPERSEDED);
        }
    }

    @Override
    public List<StreamPosition> streamPositions(FoldGroupId group, String fold, List<StreamId> streams, long version) {
        return StreamPosition.listOf(foldStore.streamPositions(group.tenantId(), fold, group.aggregateKey(), streams, version));
    }

    @Override
    public void storeGlobal(FoldGroupId group, String fold, StoredFold state, List<StreamPosition> positions) {
        foldStore.storeStreamPositions(group.tenantId(), fold, group.aggregateKey(), state.version(), StreamPosition.mapOf(positions));
        store(group, fold, state);
    }

    @Override
    public GapFiller.ReadPage readEvents(List<SeqRange> ranges) {
        List<Event> page = new ArrayList<>();
        long bytes = 0;
        int read = 0;
        for (SeqRange range : ranges) {
            if (read > 0 && (page.size() >= READ_PAGE || bytes >= READ_PAGE_BYTES)) {
                break;
            }
            int room = Math.max(1, READ_PAGE - page.size());
            int before = page.size();
            boolean full = false;
            for (Event event : eventStore.read(range.stream(), range.fromSeq(), Math.min(range.toSeq(), range.fromSeq() + room - 1))) {
                if (page.size() > 0 && bytes + estimatedBytes(event) > READ_PAGE_BYTES) {
                    full = true;
                    break;
                }
                page.add(event);
                bytes += estimatedBytes(event);
            }
            if (full && page.size() == before) {
                break; // no room for this range's first event: not read (a range read without events is not stored)
            }
            read++;
        }
        return new GapFiller.ReadPage(page, read);
    }

    /** The JSON size of the event's data plus room for its ids, type and field names. */
    private static long estimatedBytes(Event event) {
        return event.data().toString().length() + 256L;
    }
}
