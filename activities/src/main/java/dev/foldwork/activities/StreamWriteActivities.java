package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The event store as the Temporal mode's stream writer (the aggregate's fold workflow) uses it. */
@ActivityInterface
public interface StreamWriteActivities {
    /** The {@code seq} of the stream's newest stored event; 0 for an empty stream. */
    @ActivityMethod(name = "LastSeq")
    long lastSeq(StreamId stream);

    /**
     * Where the stream ends before a write whose first event has the id {@code firstEventId}: the
     * seq before that event when one of the stream's last {@code tail} events (500 at least) has
     * it (the write's append landed, in a workflow task that was lost before its history recorded
     * it, maybe with more appends behind it), else the stream's end. The write goes to the same
     * seqs again, which {@link #append} takes as stored.
     */
    @ActivityMethod(name = "StreamEndBeforeWrite")
    long endBefore(StreamId stream, String firstEventId, int tail);

    /** Stores events that already carry their seqs; storing one again (same id, same seq) changes nothing. */
    @ActivityMethod(name = "AppendEvents")
    void append(TenantId tenantId, List<Event> events);

    /**
     * As {@link #append}, for accepted writes, whose web process cannot know the seqs: then hands
     * the events to the global folds' workflows (a failed hand-over is left to catch-up).
     */
    @ActivityMethod(name = "AppendAcceptedEvents")
    void appendAccepted(TenantId tenantId, List<Event> events);
}
