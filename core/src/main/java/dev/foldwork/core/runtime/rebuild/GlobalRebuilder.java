package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StreamHead;
import dev.foldwork.core.stores.VersionBands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Folds one global fold of one tenant (or one of its keys) again from the event store while the
 * live writers keep folding:
 * <ol>
 * <li>Read every stream of the tenant's pipelines in big pages and fold each event into the state
 * of the key it routes to, recording per key the last event of each stream it holds; then fold
 * on, from the store, the streams written since the rebuild started (so a reader never sees the
 * count go back).</li>
 * <li>Per key, store the positions and the state at the first version of the rebuild's
 * generation band ({@link VersionBands}). The state outranks every older one, and
 * positions are read within a state's band, so what writers of the older generation write later
 * (they loaded before the swap; their state loses) is never taken for the rebuilt state's: they
 * load the rebuilt state and fold on from its positions.</li>
 * <li>The final pass of {@link Rebuilder}: streams written since the start whose events the
 * rebuilt positions do not reach get their head dispatched as a hint, right after the swap and
 * after a drain time.</li>
 * </ol>
 * Keys the log no longer routes any event to keep their old state. History's reactions are not
 * run again.
 */
final class GlobalRebuilder {
    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;
    private final EventDispatcher dispatcher;
    private final Duration drain;

    GlobalRebuilder(PipelineRegistry registry, EventStore events, FoldStore folds, EventDispatcher dispatcher, Duration drain) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
        this.dispatcher = dispatcher;
        this.drain = drain;
    }

    /** The events a rebuild will read, as of now: every stream of the tenant's pipelines. */
    long eventsTotal(TenantId tenant) {
        return streams(tenant, 0).stream().mapToLong(StreamHead::lastSeq).sum();
    }

    /** Returns the number of events read; {@code key} null for every key of the tenant. */
    <S> long run(GlobalFoldProjection<S> fold, TenantId tenant, String key, int generation, long startedAtMs,
                 Rebuilder.Progress progress) {
        Reading<S> reading = new Reading<>(fold, key);
        long done = 0;
        for (Pipeline pipeline : registry.pipelines()) {
            LogPosition after = LogPosition.START;
            while (true) {
                List<Event> page = events.readPage(tenant, pipeline.aggregateType(), after, null, Rebuilder.READ_PAGE);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(reading::take);
                done += page.size();
                if (!progress.advanced(done)) {
                    throw new CancellationException("the rebuild was cancelled after " + done + " events");
                }
                Event last = page.get(page.size() - 1);
                after = new LogPosition(last.aggregateId(), last.seq());
            }
        }
        long since = startedAtMs - Rebuilder.CLOCK_MARGIN_MS;
        for (StreamHead head : streams(tenant, since)) { // fold on what was written meanwhile, so no count goes back
            long seen = reading.seen(head.stream());
            if (seen < head.lastSeq()) {
                reading.reopen(head.stream()); // a hole met while reading may be filled by now
                events.read(head.stream(), seen + 1, head.lastSeq()).forEach(reading::take);
            }
        }
        reading.byKey.forEach((k, rebuilt) -> store(fold, tenant, k, generation, rebuilt));
        hintLaggingStreams(fold, tenant, reading.byKey.keySet(), since);
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while draining the live writers");
        }
        hintLaggingStreams(fold, tenant, reading.byKey.keySet(), since);
        return done;
    }

    /**
     * Every stream read once, in {@code seq} order: each event is folded into the key it routes to
     * (if any), and each stream stops at its first hole (an append not visible yet; the live writer
     * fills it later from the positions, which reach only the events before it).
     */
    private static final class Reading<S> {
        private final GlobalFoldProjection<S> fold;
        private final String onlyKey;
        private final Map<StreamId, Long> seen = new HashMap<>();
        private final Set<StreamId> holed = new HashSet<>();
        final Map<String, KeyFold<S>> byKey = new LinkedHashMap<>();

        Reading(GlobalFoldProjection<S> fold, String onlyKey) {
            this.fold = fold;
            this.onlyKey = onlyKey;
        }

        void reopen(StreamId stream) {
            holed.remove(stream);
        }

        long seen(StreamId stream) {
            return seen.getOrDefault(stream, 0L);
        }

        void take(Event event) {
            StreamId stream = event.streamId();
            long last = seen(stream);
            if (holed.contains(stream) || event.seq() != last + 1) {
                if (event.seq() > last + 1) {
                    holed.add(stream);
                }
                return;
            }
            seen.put(stream, event.seq());
            fold.key(event).filter(k -> onlyKey == null || k.equals(onlyKey))
                    .ifPresent(k -> byKey.computeIfAbsent(k, x -> new KeyFold<>(fold.init())).apply(fold, event));
        }
    }

    /** One key's state folded from the log, and per stream the last event of it that it holds. */
    private static final class KeyFold<S> {
        private S state;
        private final Map<StreamId, Long> positions = new LinkedHashMap<>();
        private long applied;
        private Event last;

        KeyFold(S state) {
            this.state = state;
        }

        void apply(GlobalFoldProjection<S> fold, Event event) {
            state = fold.apply(state, event);
            positions.put(event.streamId(), event.seq());
            applied++;
            last = event;
        }
    }

    private <S> void store(GlobalFoldProjection<S> fold, TenantId tenant, String key, int generation, KeyFold<S> rebuilt) {
        long version = VersionBands.first(generation) + rebuilt.applied;
        FoldCheckpoint checkpoint = new FoldCheckpoint(version, rebuilt.last == null ? null : rebuilt.last.id(),
                rebuilt.last == null ? 0 : rebuilt.last.timestamp());
        folds.storeStreamPositions(tenant, fold.name(), key, version, rebuilt.positions);
        folds.store(tenant, fold.name(), key, new StoredFold(Json.toNode(rebuilt.state), checkpoint, generation));
    }

    /** Streams written since {@code sinceMs} that some key's stored positions do not reach get their head dispatched. */
    private void hintLaggingStreams(GlobalFoldProjection<?> fold, TenantId tenant, Iterable<String> keys, long sinceMs) {
        List<StreamHead> written = streams(tenant, sinceMs);
        Set<Event> heads = new LinkedHashSet<>();
        for (String key : keys) {
            long version = folds.get(tenant, fold.name(), key).map(StoredFold::version).orElse(0L);
            for (int from = 0; from < written.size(); from += Rebuilder.FINAL_PASS_BATCH) {
                List<StreamHead> chunk = written.subList(from, Math.min(written.size(), from + Rebuilder.FINAL_PASS_BATCH));
                Map<StreamId, Long> positions = folds.streamPositions(tenant, fold.name(), key,
                        chunk.stream().map(StreamHead::stream).toList(), version);
                for (StreamHead head : chunk) {
                    if (positions.getOrDefault(head.stream(), 0L) < head.lastSeq()) {
                        heads.addAll(events.read(head.stream(), head.lastSeq(), head.lastSeq()));
                    }
                }
            }
        }
        if (!heads.isEmpty()) {
            dispatcher.dispatch(new ArrayList<>(heads)).join();
        }
    }

    private List<StreamHead> streams(TenantId tenant, long sinceMs) {
        List<AggregateType> types = registry.pipelines().stream().map(Pipeline::aggregateType).toList();
        return events.streamsWrittenSince(tenant, sinceMs, Long.MAX_VALUE).stream()
                .filter(head -> types.contains(head.stream().aggregateType()))
                .toList();
    }
}
