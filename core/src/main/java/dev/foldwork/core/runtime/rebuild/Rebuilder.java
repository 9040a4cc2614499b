package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.dispatch.EventDispatcher;
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
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StreamHead;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Folds one aggregate fold of one tenant (or one aggregate) again from the event store while the
 * live writers keep folding, in three steps:
 * <ol>
 * <li>Read the tenant's events in big pages in (aggregate id, {@code seq}) order, each page a
 * range of aggregates planned from the stream heads to hold about a page of events (so a query
 * reads its range, not the rest of the tenant), and fold each stream in memory; a stream is
 * complete once the pages move past it.</li>
 * <li>Swap complete streams in batches: first fold on, from the store, the events a live writer
 * applied since the stream was read (so a reader never sees the state go back), then store the
 * batch in one write in the rebuild's new generation, which outranks every state of an older
 * one. A live writer that loaded an older state loses its next write and, loading again, goes
 * on from the rebuilt state (the fold executor loads per step; the fold workflow reloads when its
 * store reports the state superseded).</li>
 * <li>A final pass over the streams written since the rebuild started: a stream whose state is
 * behind its head (a live write that lost to the swap) gets its head dispatched, as a hint, to its
 * single live writer, which fills the rest from the store. It runs right after the last swap and
 * again after a drain time, by when the live steps that loaded a state before its swap ended.</li>
 * </ol>
 * History's reactions are not run again: a rebuild recomputes state, not effects.
 */
final class Rebuilder {
    /** Events read per query. */
    static final int READ_PAGE = 20_000;
    /** Most events one read of a range holds before the rest of the range is read on: bounds memory for giant streams. */
    static final int READ_CAP = 2 * READ_PAGE;
    /** Ranges read ahead at once. */
    static final int READERS = 2;
    /** Streams stored per write. */
    static final int SWAP_BATCH = 2_000;
    /** Streams whose fold versions are asked for at once in the final pass. */
    static final int FINAL_PASS_BATCH = 1_000;
    /** How far the final pass looks back before the start, for clocks of the store and this process that disagree. */
    static final long CLOCK_MARGIN_MS = 60_000;

    /** Told after every page; answers whether to stop. */
    interface Progress {
        boolean advanced(long eventsDone);
    }

    private final EventStore events;
    private final FoldStore folds;
    private final EventDispatcher dispatcher;
    private final Duration drain;

    Rebuilder(EventStore events, FoldStore folds, EventDispatcher dispatcher, Duration drain) {
        this.events = events;
        this.folds = folds;
        this.dispatcher = dispatcher;
        this.drain = drain;
    }

    /** The events a rebuild will fold, as of now: the heads of the streams it covers, summed. */
    long eventsTotal(TenantId tenant, AggregateType type, String aggregateId) {
        return streams(tenant, type, aggregateId, 0).stream().mapToLong(StreamHead::lastSeq).sum();
    }

    /** Returns the number of events folded. */
    <S> long run(FoldProjection<S> fold, TenantId tenant, AggregateType type, String aggregateId, int generation,
                 long startedAtMs, Progress progress) {
        Swap<S> swap = new Swap<>(fold, tenant, type, generation);
        List<Range> ranges = ranges(tenant, type, aggregateId);
        ExecutorService readers = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, "foldwork-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        long done = 0;
        try {
            // Ranges are read ahead on other threads (a query waits on the server as much as a fold on
            // the CPU) and folded here in order, so each stream is folded whole and once.
            Deque<Future<RangeRead>> ahead = new ArrayDeque<>();
            int submitted = 0;
            for (int r = 0; r < ranges.size(); r++) {
                for (; submitted < ranges.size() && submitted <= r + READERS; submitted++) {
                    Range next = ranges.get(submitted);
                    ahead.add(readers.submit(() -> read(tenant, type, next.from(), next.to())));
                }
                RangeRead read = awaitRead(ahead.poll());
                while (true) {
                    foldPage(swap, read.events());
                    done += read.events().size();
                    swap.storeCompleteIfMany();
                    if (!progress.advanced(done)) {
                        throw new CancellationException("the rebuild was cancelled after " + done + " events");
                    }
                    if (read.finished()) {
                        break;
                    }
                    read = read(tenant, type, read.next(), ranges.get(r).to()); // a range beyond the read cap: a giant stream
                }
            }
        } finally {
            readers.shutdownNow();
        }
        swap.storeAll();
        hintLaggingStreams(fold, tenant, type, aggregateId, startedAtMs - CLOCK_MARGIN_MS);
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while draining the live writers");
        }
        hintLaggingStreams(fold, tenant, type, aggregateId, startedAtMs - CLOCK_MARGIN_MS);
        return done;
    }

    /** The folding and swapping state of one run: the stream being read, and the complete ones not stored yet. */
    private final class Swap<S> {
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

        Swap(FoldProjection<S> fold, TenantId tenant, AggregateType type, int generation) {
            this.fold = fold;
            this.tenant = tenant;
            this.type = type;
            this.generation = generation;
        }

        void fold(String aggregateId, List<Event> run) {
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
    }

    /** A stream folded whole. */
    private record Folded<S>(S state, FoldCheckpoint checkpoint) {
        static <S> Folded<S> of(FoldStep.Result<S> result) {
            return new Folded<>(result.state(), result.checkpoint());
        }
    }

    /** Aggregates after {@code from} up to {@code to} (inclusive; null: no bound). */
    private record Range(LogPosition from, String to) {}

    /** What one read of a range brought; unless finished, the range goes on after {@code next}. */
    private record RangeRead(List<Event> events, LogPosition next, boolean finished) {}

    /** The ranges in order: about a page of events each, by the streams' heads; or the one aggregate. */
    private List<Range> ranges(TenantId tenant, AggregateType type, String aggregateId) {
        List<Range> ranges = new ArrayList<>();
        if (aggregateId != null) {
            ranges.add(new Range(new LogPosition(aggregateId, 0), aggregateId));
            return ranges;
        }
        LogPosition from = LogPosition.START;
        for (String bound : pageBounds(streams(tenant, type, null, 0))) {
            ranges.add(new Range(from, bound));
            from = LogPosition.pastAll(bound);
        }
        ranges.add(new Range(from, null)); // streams whose ids follow the last head seen
        return ranges;
    }

    /** Reads a range by pages until it ends or holds {@link #READ_CAP} events. */
    private RangeRead read(TenantId tenant, AggregateType type, LogPosition from, String to) {
        List<Event> read = new ArrayList<>();
        LogPosition after = from;
        while (read.size() < READ_CAP) {
            List<Event> page = events.readPage(tenant, type, after, to, READ_PAGE);
            if (page.isEmpty()) {
                return new RangeRead(read, after, true);
            }
            read.addAll(page);
            Event last = page.get(page.size() - 1);
            after = new LogPosition(last.aggregateId(), last.seq());
        }
        return new RangeRead(read, after, false);
    }

    private static RangeRead awaitRead(Future<RangeRead> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the event store");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private static <S> void foldPage(Swap<S> swap, List<Event> page) {
        int from = 0;
        while (from < page.size()) {
            String stream = page.get(from).aggregateId();
            int to = from;
            while (to < page.size() && page.get(to).aggregateId().equals(stream)) {
                to++;
            }
            swap.fold(stream, page.subList(from, to));
            from = to;
        }
    }

    /** Upper aggregate ids of ranges holding about a page of events each, by the streams' heads. */
    private static List<String> pageBounds(List<StreamHead> heads) {
        List<StreamHead> sorted = new ArrayList<>(heads);
        sorted.sort(Comparator.comparing(head -> head.stream().aggregateId()));
        List<String> bounds = new ArrayList<>();
        long inRange = 0;
        for (StreamHead head : sorted) {
            inRange += head.lastSeq();
            if (inRange >= READ_PAGE) {
                bounds.add(head.stream().aggregateId());
                inRange = 0;
            }
        }
        return bounds;
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

    /** The final pass: a stream written since {@code sinceMs} whose fold is behind its head gets its head dispatched. */
    private void hintLaggingStreams(FoldProjection<?> fold, TenantId tenant, AggregateType type, String aggregateId,
                                    long sinceMs) {
        List<StreamHead> written = streams(tenant, type, aggregateId, sinceMs);
        for (int from = 0; from < written.size(); from += FINAL_PASS_BATCH) {
            List<StreamHead> chunk = written.subList(from, Math.min(written.size(), from + FINAL_PASS_BATCH));
            Map<String, Long> versions = folds.versions(tenant, fold.name(), chunk.stream().map(h -> h.stream().aggregateId()).toList());
            List<Event> heads = new ArrayList<>();
            for (StreamHead head : chunk) {
                if (versions.getOrDefault(head.stream().aggregateId(), 0L) < head.lastSeq()) {
                    heads.addAll(events.read(head.stream(), head.lastSeq(), head.lastSeq()));
                }
            }
            if (!heads.isEmpty()) {
                dispatcher.dispatch(heads).join();
            }
        }
    }

    private List<StreamHead> streams(TenantId tenant, AggregateType type, String aggregateId, long sinceMs) {
        return events.streamsWrittenSince(tenant, sinceMs, Long.MAX_VALUE).stream()
                .filter(head -> head.stream().aggregateType().equals(type))
                .filter(head -> aggregateId == null || head.stream().aggregateId().equals(aggregateId))
                .toList();
    }
}
