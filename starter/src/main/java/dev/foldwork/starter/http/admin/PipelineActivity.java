package dev.foldwork.starter.http.admin;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.FoldPositions;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StreamHead;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the event store says per pipeline and tenant: events stored in the last minute and hour,
 * and how far the folds lag. Both come from the streams the store reports as written since a
 * time (one cheap query per tenant and window in ClickHouse, on its materialized stream writes),
 * so they hold across processes. Counts are seq ranges: a stream's writer stores seqs in order.
 * Lag is looked for the way a catch-up pass looks ({@link FoldPositions}), in the streams written
 * since catch-up's watermark, where every lag it has not resolved lies; before any pass moved the
 * watermark, in those of the last hour. So a request costs about one catch-up pass. A (pipeline,
 * tenant) with no event in either span has nothing to show and gets no row. The age of the oldest
 * lag is the first unconsumed event's timestamp (stamped by the service when its command ran),
 * read for at most {@link #AGE_READS} lagging streams per row, one read each.
 */
final class PipelineActivity {
    static final int AGE_READS = 100;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    record Key(String pipeline, String tenant) {}

    record Row(long eventsLastMinute, long eventsLastHour, long eventsBehind, long oldestLagAgeMs) {}

    private final PipelineRegistry registry;
    private final EventStore events;
    private final FoldStore folds;
    private final FoldPositions positions;

    PipelineActivity(PipelineRegistry registry, EventStore events, FoldStore folds) {
        this.registry = registry;
        this.events = events;
        this.folds = folds;
        this.positions = new FoldPositions(registry, events, folds);
    }

    /** Rows sorted by pipeline, then tenant. */
    Map<Key, Row> read(long nowMs) {
        long watermark = CatchUp.watermark(folds);
        long hourAgo = nowMs - HOUR;
        long lagSince = watermark > 0 ? watermark : hourAgo;
        Map<Key, Row> rows = new TreeMap<>(Comparator.comparing(Key::pipeline).thenComparing(Key::tenant));
        Set<TenantId> tenants = new LinkedHashSet<>(events.tenantsWrittenSince(lagSince));
        if (lagSince != hourAgo) {
            tenants.addAll(events.tenantsWrittenSince(hourAgo));
        }
        for (TenantId tenant : tenants) {
            List<StreamHead> lastHourHeads = written(tenant, hourAgo);
            List<StreamHead> heads = lagSince == hourAgo ? lastHourHeads : written(tenant, lagSince);
            Map<StreamId, Long> consumed = positions.consumedUpTo(tenant, heads);
            Map<Key, Lag> lags = new HashMap<>();
            for (StreamHead head : heads) {
                Key key = key(head.stream());
                if (key != null) {
                    lags.computeIfAbsent(key, k -> new Lag()).add(head, consumed.get(head.stream()), nowMs);
                }
            }
            Map<Key, Long> lastHour = counts(lastHourHeads);
            Map<Key, Long> lastMinute = counts(written(tenant, nowMs - MINUTE));
            Set<Key> keys = new HashSet<>(lags.keySet());
            keys.addAll(lastHour.keySet());
            for (Key key : keys) {
                Lag lag = lags.getOrDefault(key, new Lag());
                rows.put(key, new Row(lastMinute.getOrDefault(key, 0L), lastHour.getOrDefault(key, 0L), lag.behind,
                        lag.oldestAgeMs));
            }
        }
        return rows;
    }

    /** The tenant's streams written since then, settled at the end of time: every stored event counts, whatever the store's clock says. */
    private List<StreamHead> written(TenantId tenant, long sinceMs) {
        return events.streamsWrittenSince(tenant, sinceMs, Long.MAX_VALUE);
    }

    private Map<Key, Long> counts(List<StreamHead> heads) {
        Map<Key, Long> counts = new HashMap<>();
        for (StreamHead head : heads) {
            Key key = key(head.stream());
            if (key != null) {
                counts.merge(key, head.lastSeq() - head.firstSeq() + 1, Long::sum);
            }
        }
        return counts;
    }

    /** The row a stream belongs to; null for an aggregate type no pipeline of this service handles. */
    private Key key(StreamId stream) {
        return registry.pipelineOf(stream.aggregateType())
                .map(Pipeline::name)
                .map(pipeline -> new Key(pipeline, stream.tenantId().value()))
                .orElse(null);
    }

    /** One row's lag, summed over its streams. */
    private final class Lag {
        long behind;
        long oldestAgeMs;
        int ageReads;

        void add(StreamHead head, long consumedUpTo, long nowMs) {
            if (consumedUpTo >= head.lastSeq()) {
                return;
            }
            behind += head.lastSeq() - consumedUpTo;
            if (ageReads++ < AGE_READS) {
                for (Event first : events.read(head.stream(), consumedUpTo + 1, consumedUpTo + 1)) {
                    oldestAgeMs = Math.max(oldestAgeMs, Math.max(0, nowMs - first.timestamp()));
                }
            }
        }
    }
}
