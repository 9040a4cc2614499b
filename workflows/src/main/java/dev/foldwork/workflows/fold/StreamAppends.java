package dev.foldwork.workflows.fold;

import dev.foldwork.activities.StreamWriteActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.workflows.PayloadSize;
import dev.foldwork.workflows.StreamWrite;
import dev.foldwork.workflows.StreamWriterState;
import dev.foldwork.workflows.WriteFailures;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The single writer of one stream, inside the stream's fold workflow: a workflow id has one open
 * run, so this is one writer across every web process. Writes commit in groups: the first waiting
 * update appends what the waiting updates brought, in arrival order, in one local activity, and
 * the others wait for it; a stale expectation fails its own write only. A write returns after its
 * events are stored. Accepted writes ({@link #accept}, by signal) have no caller waiting: they
 * commit in groups of their own, and a failed append of theirs is tried again, with the same
 * seqs, until the store takes it; meanwhile writes fail at once, as the stream cannot move on.
 * Deterministic: state changes only here, in the order updates and signals arrive.
 */
final class StreamAppends {
    private static final Logger log = Workflow.getLogger(StreamAppends.class);
    /** Writes remembered by their first event's id, for repeats that reach a later run. */
    static final int RECENT_WRITES = 256;
    /** One append's events and estimated bytes at most: its activity input stays far below 2 MB. */
    static final int MAX_APPEND_EVENTS = 500;
    static final long MAX_APPEND_BYTES = 512 * 1024;
    /** The wait before an accepted group's append is tried again; it doubles up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    /** The timer that ends a workflow task between reading where the stream ends and appending there. */
    private static final Duration TASK_BOUNDARY = Duration.ofMillis(1);

    private static final class Pending {
        final StreamWrite write;
        final boolean accepted;
        long firstSeq;
        ApplicationFailure failure;
        boolean done;

        Pending(StreamWrite write, boolean accepted) {
            this.write = write;
            this.accepted = accepted;
        }

        String firstId() {
            return write.events().get(0).id();
        }
    }

    private final StreamId stream;
    private final StreamWriteActivities store;
    private final Consumer<List<Event>> written;
    private final List<Pending> waiting = new ArrayList<>();
    /** The group being appended now: taken from {@link #waiting}, not yet remembered in {@link #recent}. */
    private List<Pending> inFlight = List.of();
    private final LinkedHashMap<String, Long> recent;
    private Long lastSeq;
    private boolean committing;
    /** An accepted group whose append failed, with the seqs it was given: tried again as it is. */
    private List<Event> unstored = List.of();
    private List<Pending> unstoredWrites = List.of();
    private String unstoredBecause;
    private Duration retryIn = FIRST_RETRY;

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
        String firstId = write.events().get(0).id();
        Long repeated = recent.get(firstId);
        if (repeated != null) {
            return repeated; // stored before, by this run or one it continued
        }
        Pending earlier = inProgress(firstId);
        if (earlier != null) {
            return outcomeOf(earlier); // a repeat of a write still on its way: the same answer
        }
        if (!unstored.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("storing the events of " + stream + " failed: "
                    + unstoredBecause + "; " + unstored.size() + " accepted events wait to be stored first",
                    WriteFailures.APPEND_FAILED);
        }
        Pending mine = new Pending(write, false);
        waiting.add(mine);
        return outcomeOf(mine);
    }

    private long outcomeOf(Pending pending) {
        awaitDone(pending);
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.firstSeq;
    }

    /**
     * Stores an accepted write's events after those accepted or written before it, trying until
     * the store takes them. A repeat of a write this run stored, or still holds, is ignored.
     */
    void accept(StreamWrite write) {
        if (!write.stream().equals(stream)) {
            log.error("the writer of {} was sent events of {}; ignored", stream, write.stream());
            return;
        }
        String firstId = write.events().get(0).id();
        if (recent.containsKey(firstId) || inProgress(firstId) != null) {
            return;
        }
        Pending mine = new Pending(write, true);
        waiting.add(mine);
        awaitDone(mine);
    }

    /** The write with this first event id that waits, is being appended or waits to be appended again; else null. */
    private Pending inProgress(String firstId) {
        for (List<Pending> writes : List.of(waiting, inFlight, unstoredWrites)) {
            for (Pending pending : writes) {
                if (pending.firstId().equals(firstId)) {
                    return pending;
                }
            }
        }
        return null;
    }

    /** Why accepted events wait to be stored, or null when none waits. */
    String waitingForStore() {
        return unstored.isEmpty() ? null : unstored.size() + " accepted events wait to be stored: " + unstoredBecause;
    }

    private void awaitDone(Pending mine) {
        while (!mine.done) {
            Workflow.await(() -> mine.done || !committing);
            if (!mine.done) {
                commitWaiting();
            }
        }
    }

    StreamWriterState state() {
        return new StreamWriterState(lastSeq, recent);
    }

    private void commitWaiting() {
        committing = true;
        try {
            if (!unstored.isEmpty()) {
                storeUnstored();
                return;
            }
            List<Pending> taken = takeWaiting();
            inFlight = taken;
            if (lastSeq == null) {
                try {
                    lastSeq = readEnd();
                } catch (ActivityFailure e) {
                    if (taken.get(0).accepted) {
                        waiting.addAll(0, taken); // nothing was given a seq: they wait at the head
                        backOff(e);
                    } else {
                        fail(taken, e);
                    }
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
                if (taken.get(0).accepted) {
                    store.appendAccepted(stream.tenantId(), events);
                } else {
                    store.append(stream.tenantId(), events);
                }
            } catch (ActivityFailure e) {
                if (taken.get(0).accepted) {
                    unstored = events;
                    unstoredWrites = accepted;
                    backOff(e);
                    return;
                }
                lastSeq = null; // the append may have landed after all: read the stream's end again
                fail(accepted, e);
                return;
            }
            stored(events, accepted);
        } finally {
            inFlight = List.of();
            committing = false;
        }
    }

    /**
     * Where the stream ends, recorded in the run's history before anything is appended after it. A
     * local activity's result is recorded with the workflow task that ran it: had the append run in
     * that task too and the task failed (a worker stalled past its deadlock detection, a timeout),
     * the retry would run both again, read an end that holds the failed task's own append, and store
     * the same events again under the next seqs, handed again to the global folds, which count
     * them twice. So a short timer ends the task first. Runs recorded before appended in the task
     * that read the end, and replay so.
     */
    private long readEnd() {
        long end = store.lastSeq(stream);
        if (Workflow.getVersion("record-the-stream-end-before-appending", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.sleep(TASK_BOUNDARY);
        }
        return end;
    }

    /** The accepted group whose append failed, again with the same seqs: the stream's end cannot have moved. */
    private void storeUnstored() {
        try {
            store.appendAccepted(stream.tenantId(), unstored);
        } catch (ActivityFailure e) {
            backOff(e);
            return;
        }
        List<Event> events = unstored;
        List<Pending> writes = unstoredWrites;
        unstored = List.of();
        unstoredWrites = List.of();
        unstoredBecause = null;
        stored(events, writes);
    }

    private void stored(List<Event> events, List<Pending> writes) {
        lastSeq = events.get(events.size() - 1).seq();
        retryIn = FIRST_RETRY;
        for (Pending pending : writes) {
            remember(pending.firstId(), pending.firstSeq);
            pending.done = true;
        }
        written.accept(events);
    }

    /** Waits before accepted writes are tried again, longer each time; the committer holds the stream meanwhile. */
    private void backOff(ActivityFailure cause) {
        unstoredBecause = SideWork.rootMessage(cause);
        log.warn("storing accepted events of {} failed ({}); trying again in {}", stream, unstoredBecause, retryIn);
        Workflow.sleep(retryIn);
        retryIn = retryIn.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryIn.multipliedBy(2);
    }

    /**
     * The waiting writes from the head, up to one append's budget; always the first. Accepted
     * writes and writes with a waiting caller are never in one group, as their failures differ.
     */
    private List<Pending> takeWaiting() {
        List<Pending> taken = new ArrayList<>();
        int events = 0;
        long bytes = 0;
        Iterator<Pending> it = waiting.iterator();
        while (it.hasNext()) {
            Pending pending = it.next();
            long size = pending.write.events().stream().mapToLong(PayloadSize::of).sum();
            if (!taken.isEmpty() && (events + pending.write.events().size() > MAX_APPEND_EVENTS
                    || bytes + size > MAX_APPEND_BYTES || pending.accepted != taken.get(0).accepted)) {
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
