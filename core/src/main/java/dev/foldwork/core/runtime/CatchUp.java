package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StreamHead;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Brings lagging folds up to date from the event store, so that nothing stored is lost when a
 * delivery is: a web process that died between storing and dispatching, a lost Redis job, a
 * signal that never arrived. A pass looks only at streams written since a watermark, compares
 * each with its folds' positions (aggregate folds by {@code seq}, global folds by their stream
 * positions) and dispatches the events a fold has not consumed again, as a hint; the folds skip
 * what they hold. The watermark is on the store's ingestion clock, persisted in the fold store,
 * and moves only past streams found up to date, so a lag is looked at again until it is gone.
 */
public final class CatchUp {
    /** Where the watermark is kept: a tenant reserved for the framework's own state. */
    public static final TenantId SYSTEM = TenantId.of("_foldwork");
    static final String WATERMARK = "catch_up_watermark";

    /** What one pass found: lagging streams, and the events their folds had not consumed. */
    public record Report(int streamsScanned, int laggingStreams, long eventsBehind, long eventsDispatched) {}

    private final EventStore events;
    private final FoldStore folds;
    private final FoldPositions positions;
    private final EventDispatcher dispatcher;
    private final CatchUpOptions options;
    private final LongSupplier clock;
    /** The lagging streams of the last pass, with how far their folds had consumed them then. */
    private Map<StreamId, Long> laggingAtLastPass = Map.of();

    public CatchUp(EventRouter router, EventStore events, FoldStore folds, EventDispatcher dispatcher, CatchUpOptions options) {
        this(router, events, folds, dispatcher, options, System::currentTimeMillis);
    }

    /** {@code clock} judges whether a stream settled; it should agree with the store's ingestion clock within the settle time. */
    public CatchUp(EventRouter router, EventStore events, FoldStore folds, EventDispatcher dispatcher, CatchUpOptions options,
                   LongSupplier clock) {
        this.events = events;
        this.folds = folds;
        this.positions = new FoldPositions(router.registry(), events, folds);
        this.dispatcher = dispatcher;
        this.options = options;
        this.clock = clock;
    }

    /**
     * One pass over the streams written since the watermark; safe to run from several processes at
     * once. Only events older than the settle time count as lagging (younger ones are usually still
     * being delivered); the watermark moves only when nothing lagged, so a lag is looked at again
     * on every pass until it is gone. A stream whose folds moved on since the last pass found it
     * lagging is left to its deliveries: that lag is a backlog being worked off, and sending it
     * again would only pile duplicates on a busy fold.
     */
    public synchronized Report runOnce() {
        long watermark = watermark();
        long settledAt = clock.getAsLong() - options.settle().toMillis();
        long newest = watermark;
        int scanned = 0;
        int lagging = 0;
        long behind = 0;
        long dispatched = 0;
        Map<StreamId, Long> laggingNow = new LinkedHashMap<>();
        for (TenantId tenant : events.tenantsWrittenSince(watermark)) {
            List<StreamHead> heads = events.streamsWrittenSince(tenant, watermark, settledAt);
            Map<StreamId, Long> consumed = positions.consumedUpTo(tenant, heads);
            for (StreamHead head : heads) {
                scanned++;
                newest = Math.max(newest, head.writtenAtMs());
                long upTo = consumed.get(head.stream());
                if (upTo >= head.settledSeq()) {
                    continue;
                }
                lagging++;
                behind += head.settledSeq() - upTo;
                laggingNow.put(head.stream(), upTo);
                Long before = laggingAtLastPass.get(head.stream());
                if (before != null && upTo > before) {
                    continue;
                }
                dispatched += redeliver(events.read(head.stream(), upTo + 1,
                        Math.min(head.lastSeq(), upTo + options.maxEventsPerStream())));
            }
        }
        laggingAtLastPass = laggingNow;
        if (lagging == 0) {
            advance(watermark, Math.min(newest, settledAt) - options.overlap().toMillis());
        }
        return new Report(scanned, lagging, behind, dispatched);
    }

    private long redeliver(List<Event> missing) {
        if (missing.isEmpty()) {
            return 0;
        }
        try {
            dispatcher.dispatch(missing).get(options.dispatchTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return missing.size();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0; // still lagging: the watermark stays, the next pass tries again
        }
    }

    private long watermark() {
        return watermark(folds);
    }

    /**
     * Where catch-up's passes start, on the store's ingestion clock (0 before the first pass that
     * found nothing lagging): every lag catch-up has not resolved lies in streams written since.
     */
    public static long watermark(FoldStore folds) {
        return folds.get(SYSTEM, WATERMARK, WATERMARK).map(StoredFold::version).orElse(0L);
    }

    private void advance(long from, long to) {
        if (to <= from) {
            return;
        }
        ObjectNode state = Json.object().put("ingestedAtMs", to);
        folds.store(SYSTEM, WATERMARK, WATERMARK, new StoredFold(state, new FoldCheckpoint(to, null, to)));
    }

    /** How a pass runs: see the README's catch-up settings. */
    public record CatchUpOptions(Duration settle, Duration overlap, int maxEventsPerStream, Duration dispatchTimeout) {
        public CatchUpOptions {
            if (settle.isNegative() || overlap.isNegative()) {
                throw new IllegalArgumentException("catch-up settle and overlap must not be negative, were " + settle
                        + " and " + overlap);
            }
            if (maxEventsPerStream < 1) {
                throw new IllegalArgumentException("catch-up maxEventsPerStream must be at least 1, was " + maxEventsPerStream);
            }
        }
    }
}
