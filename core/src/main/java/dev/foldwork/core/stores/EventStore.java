package dev.foldwork.core.stores;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable events, per tenant: the source of truth every projection is computed from. Every
 * call names its tenant and never sees another's events. A stream holds one event per
 * {@code seq}; appending an event again (same id, same {@code seq}) changes nothing.
 */
public interface EventStore {
    /**
     * Appends a batch, all of {@code tenantId}, each event with the {@code seq} its stream's writer
     * gave it; when this returns the events are stored. Either all of the batch is visible
     * afterwards or, on an exception, none of it is.
     */
    void append(TenantId tenantId, List<Event> events);

    /** One aggregate's events in {@code seq} order. */
    List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId);

    /** A stream's events with {@code fromSeq <= seq <= toSeq}, in {@code seq} order. */
    List<Event> read(StreamId stream, long fromSeq, long toSeq);

    /** The {@code seq} of the stream's newest event; 0 for an empty stream. */
    long lastSeq(StreamId stream);

    /**
     * Up to {@code limit} of the tenant's events of one aggregate type after {@code after} and of
     * aggregates up to {@code lastAggregateId} (inclusive; null for no bound), in (aggregate id,
     * {@code seq}) order, each {@code (stream, seq)} once: how a rebuild reads a whole history in
     * few large reads, a bounded range of aggregates at a time. An empty page is the end of the
     * range. This default reads stream by stream; a store that can, reads a page in one query.
     */
    default List<Event> readPage(TenantId tenantId, AggregateType aggregateType, LogPosition after,
                                 String lastAggregateId, int limit) {
        List<Event> page = new ArrayList<>();
        for (String id : aggregateIds(tenantId, aggregateType)) {
            int order = id.compareTo(after.aggregateId());
            if (order < 0) {
                continue;
            }
            if (lastAggregateId != null && id.compareTo(lastAggregateId) > 0) {
                break;
            }
            if (order == 0 && after.seq() == Long.MAX_VALUE) {
                continue; // past all of it
            }
            long from = order == 0 ? after.seq() + 1 : 1;
            page.addAll(read(new StreamId(tenantId, aggregateType, id), from, from + (limit - page.size()) - 1));
            if (page.size() >= limit) {
                break;
            }
        }
        return page;
    }

    /** The ids of the tenant's aggregates of one type, sorted. */
    List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType);

    /** The tenants that stored an event at or after {@code sinceMs} (this store's ingestion clock). */
    List<TenantId> tenantsWrittenSince(long sinceMs);

    /**
     * The tenant's streams that stored an event at or after {@code sinceMs}; each head's settled
     * {@code seq} is the highest stored at or before {@code settledAtMs} (0 if none was).
     */
    List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs);
}
