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
     * How far back {@link #endBefore} looks, at least. The workflow asks with its first group's
     * size, but the lost task may have appended more groups after it: signal handlers commit one
     * at a time, so a run's first group is often one write and the next holds the rest. Looking
     * back only that one write's size missed the landed write, and the retry stored it (and those
     * after it) again under new seqs (the split deployment of the service benchmark: 38 to 138
     * events stored twice per run). A task that read the end appends no more than this window
     * before it ends, so the window always reaches the write.
     */
    int LANDED_TAIL = 500;

    /**
     * Where the stream ends before a write whose first event has the id {@code firstEventId}: the
     * seq before that event when one of the stream's last {@code tail} events ({@link #LANDED_TAIL}
     * at least) has it (the write's append landed, in a workflow task that was lost before its history recorded
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
