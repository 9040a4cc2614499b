package dev.foldwork.activities;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store behind {@link StreamWriteActivities}. An append first looks at the stream's
 * end: the workflow is the stream's only writer, so the end is where it believes, unless an
 * append of its own landed that its history does not show (a workflow task that was lost after
 * the append ran; its retry appends the same writes first, maybe with more behind them). Events
 * the stream holds already are skipped and the rest appended; other events at those seqs, or a
 * gap, are refused, so one seq never holds two events.
 */
public final class StreamWriteActivitiesImpl implements StreamWriteActivities {
    private static final Logger log = LoggerFactory.getLogger(StreamWriteActivitiesImpl.class);
    /** The failure type of an append whose seqs the stream already holds with other events. */
    public static final String STREAM_MOVED = "StreamMoved";

    private final EventStore eventStore;
    private final Supplier<EventDispatcher> globalFolds;

    /** {@code globalFolds} gives the dispatcher to the global folds' workflows, made when first needed. */
    public StreamWriteActivitiesImpl(EventStore eventStore, Supplier<EventDispatcher> globalFolds) {
        this.eventStore = eventStore;
        this.globalFolds = globalFolds;
    }

    @Override
    public long lastSeq(StreamId stream) {
        return eventStore.lastSeq(stream);
    }

    @Override
    public long endBefore(StreamId stream, String firstEventId, int tail) {
        long end = eventStore.lastSeq(stream);
        if (end == 0 || tail <= 0) {
            return end;
        }
        for (Event event : eventStore.read(stream, Math.max(1, end - Math.max(tail, LANDED_TAIL) + 1), end)) {
            if (event.id().equals(firstEventId)) {
                return event.seq() - 1;
            }
        }
        return end;
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        StreamId stream = events.get(0).streamId();
        long first = events.get(0).seq();
        long end = eventStore.lastSeq(stream);
        int held = (int) Math.max(0, Math.min(end - first + 1, events.size()));
        List<String> stored = held == 0 ? List.of()
                : eventStore.read(stream, first, first + held - 1).stream().map(Event::id).toList();
        if (end < first - 1 || !stored.equals(events.subList(0, held).stream().map(Event::id).toList())) {
            throw ApplicationFailure.newNonRetryableFailure("stream " + stream + " ends at seq " + end
                    + ", which does not continue into this append of seqs " + first + ".."
                    + events.get(events.size() - 1).seq(), STREAM_MOVED, end);
        }
        if (held < events.size()) {
            eventStore.append(tenantId, events.subList(held, events.size()));
        }
    }

    @Override
    public void appendAccepted(TenantId tenantId, List<Event> events) {
        append(tenantId, events);
        CompletableFuture<Void> handed;
        try {
            handed = globalFolds.get().dispatch(events);
        } catch (RuntimeException e) {
            handed = CompletableFuture.failedFuture(e);
        }
        handed.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("{} accepted events were not handed to the global folds ({}); catch-up will project them",
                        events.size(), error.toString());
            }
        });
    }
}
