package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StreamHead;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * History's reactions are not run again: a rebuild recomputes state, not effects. This class runs
 * the steps; {@link RebuildReader} reads, {@link RebuildSwap} folds and swaps.
 */
final class Rebuilder {
    /** Events read per query. */
    static final int READ_PAGE = 20_000;
    /** Ranges read ahead at once. */
    static final int READERS = 2;
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
    private final RebuildReader reader;

    Rebuilder(EventStore events, FoldStore folds, EventDispatcher dispatcher, Duration drain) {
        this.events = events;
        this.folds = folds;
        this.dispatcher = dispatcher;
        this.drain = drain;
        this.reader = new RebuildReader(events);
    }

    /** The events a rebuild will fold, as of now: the heads of the streams it covers, summed. */
    long eventsTotal(TenantId tenant, AggregateType type, String aggregateId) {
        return reader.streams(tenant, type, aggregateId, 0).stream().mapToLong(StreamHead::lastSeq).sum();
    }

    /** Returns the number of events folded. */
    <S> long run(FoldProjection<S> fold, TenantId tenant, AggregateType type, String aggregateId, int generation,
                 long startedAtMs, Progress progress) {
        RebuildSwap<S> swap = new RebuildSwap<>(events, folds, fold, tenant, type, generation);
        List<RebuildReader.Range> ranges = reader.ranges(tenant, type, aggregateId);
        ExecutorService readers = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, "foldwork-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        long done = 0;
        try {
            // Ranges are read ahead on other threads (a query waits on the server as much as a fold on
            // the CPU) and folded here in order, so each stream is folded whole and once.
            Deque<Future<RebuildReader.RangeRead>> ahead = new ArrayDeque<>();
            int submitted = 0;
            for (int r = 0; r < ranges.size(); r++) {
                for (; submitted < ranges.size() && submitted <= r + READERS; submitted++) {
                    RebuildReader.Range next = ranges.get(submitted);
                    ahead.add(readers.submit(() -> reader.read(tenant, type, next.from(), next.to())));
                }
                RebuildReader.RangeRead read = awaitRead(ahead.poll());
                while (true) {
                    swap.foldPage(read.events());
                    done += read.events().size();
                    swap.storeCompleteIfMany();
                    if (!progress.advanced(done)) {
                        throw new CancellationException("the rebuild was cancelled after " + done + " events");
                    }
                    if (read.finished()) {
                        break;
                    }
                    read = reader.read(tenant, type, read.next(), ranges.get(r).to()); // a range beyond the read cap: a giant stream
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

    private static RebuildReader.RangeRead awaitRead(Future<RebuildReader.RangeRead> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the event store");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** The final pass: a stream written since {@code sinceMs} whose fold is behind its head gets its head dispatched. */
    private void hintLaggingStreams(FoldProjection<?> fold, TenantId tenant, AggregateType type, String aggregateId,
                                    long sinceMs) {
        List<StreamHead> written = reader.streams(tenant, type, aggregateId, sinceMs);
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
}
