package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.RebuiltRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Maps one tenant's (or one aggregate's) stored events again, page by page in (aggregate id,
 * {@code seq}) order, and writes each event's outcome in the rebuild's generation: its record, or
 * a mark that it has none, so a record the fixed map no longer makes goes too. A map is stateless
 * and its records are keyed by event, so there is nothing to swap: live appends go on meanwhile,
 * made by the same code, and the rebuilt generation replaces only older rows of the same events.
 */
final class MapRebuilder {
    private final EventStore events;
    private final AppendStore records;

    MapRebuilder(EventStore events, AppendStore records) {
        this.events = events;
        this.records = records;
    }

    /** Returns the number of events mapped. */
    long run(MapProjection<?> map, TenantId tenant, AggregateType type, String aggregateId, int generation,
             Rebuilder.Progress progress) {
        LogPosition after = aggregateId == null ? LogPosition.START : new LogPosition(aggregateId, 0);
        long done = 0;
        while (true) {
            List<Event> page = events.readPage(tenant, type, after, aggregateId, Rebuilder.READ_PAGE);
            if (page.isEmpty()) {
                return done;
            }
            records.replace(tenant, map.name(), generation, outcomes(map, page));
            done += page.size();
            if (!progress.advanced(done)) {
                throw new CancellationException("the rebuild was cancelled after " + done + " events");
            }
            Event last = page.get(page.size() - 1);
            after = new LogPosition(last.aggregateId(), last.seq());
        }
    }

    private static List<RebuiltRecord> outcomes(MapProjection<?> map, List<Event> page) {
        List<RebuiltRecord> outcomes = new ArrayList<>(page.size());
        for (Event event : page) {
            outcomes.add(new RebuiltRecord(event.id(), event.aggregateId(), event.timestamp(), map.recordJson(event).orElse(null)));
        }
        return outcomes;
    }
}
