package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folding and swapping state of one {@link Rebuilder} run: folds each stream whole in memory
 * as its pages come, and stores complete streams in batches in the rebuild's generation, each
 * first caught up on the events a live writer applied since it was read.
 */
final class RebuildSwap<S> {
    /** Streams stored per write. */
    static final int SWAP_BATCH = 2_000;

    private final EventStore events;
    private final FoldStore folds;
    private final FoldProjection<S> fold;
    private final TenantId tenant;
    private final AggregateType type;
    private final int generation;
    /** Only state and checkpoint: a step's result also lists the events it applied, which a rebuild must not hold on to. */
    private final Map<String, Folded<S>> complete = new LinkedHashMap<>();
    private String stream;
    private FoldStep.Result<S> current;
    /** The current stream had a hole: the rest of it is left to the swap's catch-up and the live writer. */
    private boolean holed;

    RebuildSwap(EventStore events, FoldStore folds, FoldProjection<S> fold, TenantId tenant, AggregateType type,
                int generation) {
        this.events = events;
        this.folds = folds;
        this.fold = fold;
        this.tenant = tenant;
        this.type = type;
        this.generation = generation;
    }

    /** Folds a page of events in (aggregate id, {@code seq}) order, run by run of one stream. */
    void foldPage(List<Event> page) {
        int from = 0;
        while (from < page.size()) {
            String aggregateId = page.get(from).aggregateId();
            int to = from;
            while (to < page.size() && page.get(to).aggregateId().equals(aggregateId)) {
                to++;
            }
            fold(aggregateId, page.subList(from, to));
            from = to;
        }
    }

    void storeCompleteIfMany() {
        if (complete.size() >= SWAP_BATCH) {
            store();
        }
    }

    void storeAll() {
        if (stream != null) {
            complete.put(stream, Folded.of(current));
            stream = null;
        }
        store();
    }

    private void fold(String aggregateId, List<Event> run) {
        if (!aggregateId.equals(stream)) {
            if (stream != null) {
                complete.put(stream, Folded.of(current));
            }
            stream = aggregateId;
            current = new FoldStep.Result<>(fold.init(), FoldCheckpoint.START, Map.of(), List.of(), false);
            holed = false;
        }
        if (holed) {
            return;
        }
        List<Event> contiguous = contiguous(run, current.checkpoint().position());
        holed = contiguous.size() < run.size();
        current = FoldStep.apply(fold, current.state(), current.checkpoint(), contiguous);
    }

    private void store() {
        if (complete.isEmpty()) {
            return;
        }
        Map<String, Long> live = folds.versions(tenant, fold.name(), complete.keySet());
        Map<String, StoredFold> batch = new LinkedHashMap<>();
        complete.forEach((aggregateId, rebuilt) -> {
            long liveVersion = live.getOrDefault(aggregateId, 0L);
            if (liveVersion > rebuilt.checkpoint().position()) {
                List<Event> missed = events.read(new StreamId(tenant, type, aggregateId),
                        rebuilt.checkpoint().position() + 1, liveVersion);
                rebuilt = Folded.of(FoldStep.apply(fold, rebuilt.state(), rebuilt.checkpoint(),
                        contiguous(missed, rebuilt.checkpoint().position())));
            }
            batch.put(aggregateId, new StoredFold(Json.toNode(rebuilt.state()), rebuilt.checkpoint(), generation));
        });
        folds.storeAll(tenant, fold.name(), batch);
        complete.clear();
    }

    /** A stream folded whole. */
    private record Folded<S>(S state, FoldCheckpoint checkpoint) {
        static <S> Folded<S> of(FoldStep.Result<S> result) {
            return new Folded<>(result.state(), result.checkpoint());
        }
    }

    /** The events that follow {@code position} one by one, up to the first hole. */
    private static List<Event> contiguous(List<Event> run, long position) {
        long next = position + 1;
        int end = 0;
        while (end < run.size() && run.get(end).seq() <= next) {
            if (run.get(end).seq() == next) {
                next++;
            }
            end++;
        }
        return run.subList(0, end);
    }
}
