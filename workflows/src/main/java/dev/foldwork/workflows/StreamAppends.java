package dev.foldwork.workflows;

import dev.foldwork.activities.StreamWriteActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.service.NewEvent;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The single writer of one stream, inside the stream's fold workflow: a workflow id has one open
 * run, so this is one writer across every web process. Writes commit in groups: the first waiting
 * update appends what the waiting updates brought, in arrival order, in one local activity, and
 * the others wait for it; a stale expectation fails its own write only. A write returns after its
 * events are stored. Deterministic: state changes only here, in the order updates arrive.
 */
final class StreamAppends {
    /** Writes remembered by their first event's id, for repeats that reach a later run. */
    static final int RECENT_WRITES = 256;
    /** One append's events and estimated bytes at most: its activity input stays far below 2 MB. */
    static final int MAX_APPEND_EVENTS = 500;
    static final long MAX_APPEND_BYTES = 512 * 1024;

    private static final class Pending {
        final StreamWrite write;
        long firstSeq;
        ApplicationFailure failure;
        boolean done;

        Pending(StreamWrite write) {
            this.write = write;
        }
    }

    private final StreamId stream;
    private final StreamWriteActivities store;
    private final Consumer<List<Event>> written;
    private final List<Pending> waiting = new ArrayList<>();
    private final LinkedHashMap<String, Long> recent;
    private Long lastSeq;
    private boolean committing;

    /** {@code written} gets each stored group of events, in seq order: the run's own folds take them. */
    StreamAppends(StreamId stream, StreamWriteActivities store, StreamWriterState state, Consumer<List<Event>> written) {
        this.stream = stream;
        this.store = store;
        this.written = written;
        this.lastSeq = state.lastSeq();
        this.recent = new LinkedHashMap<>(state.recentWrites());
    }

    /** Stores the write's events with the stream's next seqs and returns the first; throws an ApplicationFailure otherwise. */
    long write(StreamWrite write) {
        if (!write.stream().equals(stream)) {
            throw ApplicationFailure.newNonRetryableFailure("the writer of " + stream + " was sent events of "
                    + write.stream(), WriteFailures.INVALID);
        }
        Long repeated = recent.get(write.events().get(0).id());
        if (repeated != null) {
            return repeated; // stored before, by this run or one it continued
        }
        Pending mine = new Pending(write);
        waiting.add(mine);
        while (!mine.done) {
            Workflow.await(() -> mine.done || !committing);
            if (!mine.done) {
                commitWaiting();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.firstSeq;
    }

    StreamWriterState state() {
        return new StreamWriterState(lastSeq, recent);
    }

    private void commitWaiting() {
        committing = true;
        try {
            List<Pending> taken = takeWaiting();
            if (lastSeq == null) {
                try {
                    lastSeq = store.lastSeq(stream);
                } catch (ActivityFailure e) {
                    fail(taken, e);
                    return;
                }
            }
            long next = lastSeq;
            List<Event> events = new ArrayList<>();
            List<Pending> accepted = new ArrayList<>();
            for (Pending pending : taken) {
                Long expected = pending.write.expectedLastSeq();
                if (expected != null && expected != next) {
                    pending.failure = ApplicationFailure.newNonRetryableFailure("stream " + stream + " ends at seq " + next
                            + ", the decision was made at seq " + expected, WriteFailures.STALE, expected, next);
                    pending.done = true;
                    continue;
                }
                pending.firstSeq = next + 1;
                for (NewEvent event : pending.write.events()) {
                    events.add(event.at(++next));
                }
                accepted.add(pending);
            }
            if (events.isEmpty()) {
                return;
            }
            try {
                store.append(stream.tenantId(), events);
            } catch (ActivityFailure e) {
                lastSeq = null; // the append may have landed after all: read the stream's end again
                fail(accepted, e);
                return;
            }
            lastSeq = next;
            for (Pending pending : accepted) {
                remember(pending.write.events().get(0).id(), pending.firstSeq);
                pending.done = true;
            }
            written.accept(events);
        } finally {
            committing = false;
        }
    }

    /** The waiting writes from the head, up to one append's budget; always the first. */
    private List<Pending> takeWaiting() {
        List<Pending> taken = new ArrayList<>();
        int events = 0;
        long bytes = 0;
        Iterator<Pending> it = waiting.iterator();
        while (it.hasNext()) {
            Pending pending = it.next();
            long size = pending.write.events().stream().mapToLong(PayloadSize::of).sum();
            if (!taken.isEmpty() && (events + pending.write.events().size() > MAX_APPEND_EVENTS
                    || bytes + size > MAX_APPEND_BYTES)) {
                break;
            }
            taken.add(pending);
            events += pending.write.events().size();
            bytes += size;
            it.remove();
        }
        return taken;
    }

    private void fail(List<Pending> pendings, ActivityFailure cause) {
        for (Pending pending : pendings) {
            pending.failure = ApplicationFailure.newNonRetryableFailure("storing the events of " + stream + " failed: "
                    + SideWork.rootMessage(cause), WriteFailures.APPEND_FAILED);
            pending.done = true;
        }
    }

    private void remember(String firstEventId, long firstSeq) {
        recent.put(firstEventId, firstSeq);
        if (recent.size() > RECENT_WRITES) {
            Iterator<Map.Entry<String, Long>> oldest = recent.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
