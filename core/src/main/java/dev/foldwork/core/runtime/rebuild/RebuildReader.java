package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.StreamHead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@link Rebuilder} run reads from the event store: the heads of the streams it covers, the
 * ranges of aggregates planned from them to hold about a page of events each (so a query reads its
 * range, not the rest of the tenant), and each range in reads of a bounded size.
 */
final class RebuildReader {
    /** Most events one read of a range holds before the rest of the range is read on: bounds memory for giant streams. */
    static final int READ_CAP = 2 * Rebuilder.READ_PAGE;

    /** Aggregates after {@code from} up to {@code to} (inclusive; null: no bound). */
    record Range(LogPosition from, String to) {}

    /** What one read of a range brought; unless finished, the range goes on after {@code next}. */
    record RangeRead(List<Event> events, LogPosition next, boolean finished) {}

    private final EventStore events;

    RebuildReader(EventStore events) {
        this.events = events;
    }

    /** The heads of the type's streams (or the one aggregate's) written since {@code sinceMs}. */
    List<StreamHead> streams(TenantId tenant, AggregateType type, String aggregateId, long sinceMs) {
        return events.streamsWrittenSince(tenant, sinceMs, Long.MAX_VALUE).stream()
                .filter(head -> head.stream().aggregateType().equals(type))
                .filter(head -> aggregateId == null || head.stream().aggregateId().equals(aggregateId))
                .toList();
    }

    /** The ranges in order: about a page of events each, by the streams' heads; or the one aggregate. */
    List<Range> ranges(TenantId tenant, AggregateType type, String aggregateId) {
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
    RangeRead read(TenantId tenant, AggregateType type, LogPosition from, String to) {
        List<Event> read = new ArrayList<>();
        LogPosition after = from;
        while (read.size() < READ_CAP) {
            List<Event> page = events.readPage(tenant, type, after, to, Rebuilder.READ_PAGE);
            if (page.isEmpty()) {
                return new RangeRead(read, after, true);
            }
            read.addAll(page);
            Event last = page.get(page.size() - 1);
            after = new LogPosition(last.aggregateId(), last.seq());
        }
        return new RangeRead(read, after, false);
    }

    /** Upper aggregate ids of ranges holding about a page of events each, by the streams' heads. */
    private static List<String> pageBounds(List<StreamHead> heads) {
        List<StreamHead> sorted = new ArrayList<>(heads);
        sorted.sort(Comparator.comparing(head -> head.stream().aggregateId()));
        List<String> bounds = new ArrayList<>();
        long inRange = 0;
        for (StreamHead head : sorted) {
            inRange += head.lastSeq();
            if (inRange >= Rebuilder.READ_PAGE) {
                bounds.add(head.stream().aggregateId());
                inRange = 0;
            }
        }
        return bounds;
    }
}
