package dev.foldwork.workflows.fold;

import dev.foldwork.activities.StreamWriteActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.workflows.StreamWrite;
import dev.foldwork.workflows.StreamWriterState;
import dev.foldwork.workflows.WriteFailures;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The single writer of one stream, inside the stream's fold workflow: a workflow id has one open
 * run, so this is one writer across every web process. Writes commit in groups: the first waiting
 * update appends what the waiting updates brought, in arrival order, in one local activity, and
 * the others wait for it; a stale expectation fails its own write only. A write returns after its
 * events are stored. Accepted writes ({@link #accept}, by signal) have no caller waiting: they
 * commit in groups of their own, and a failed append of theirs is tried again, with the same
 * seqs, until the store takes it ({@link UnstoredAccepted}); meanwhile writes fail at once, as the
 * stream cannot move on.
 * Deterministic: state changes only here, in the order updates and signals arrive.
 */
final class StreamAppends {
    private static final Logger log = Workflow.getLogger(StreamAppends.class);
    /** The timer that ends a task: after a read and before appending past its window; in runs recorded before, between a plain read and the append. */
    private static final Duration TASK_BOUNDARY = Duration.ofMillis(1);

    private final StreamId stream;
    private final StreamWriteActivities store;
    private final Consumer<List<Event>> written;
    private final List<PendingWrite> waiting = new ArrayList<>();
    /** The group being appended now: taken from {@link #waiting}, not yet remembered in {@link #recent}. */
    private List<PendingWrite> inFlight = List.of();
    private final RecentWrites recent;
    private Long lastSeq;
    private boolean committing;
    /** An accepted group whose append failed, with the seqs it was given: tried again as it is. */
    private final UnstoredAccepted unstored;
    /** Since this run last read the stream's end: in which task, how far back the read looked, and the events appended. */
    private AppendsSinceRead sinceRead;

    /** {@code task} is the history length the reading task started at, which names a task in replay too (as in TaskBudget). */
    private record AppendsSinceRead(long task, long window, long appended) {
        AppendsSinceRead plus(int events) {
            return new AppendsSinceRead(task, window, appended + events);
        }
    }

    /** {@code written} gets each stored group of events, in seq order: the run's own folds take them. */
    StreamAppends(StreamId stream, StreamWriteActivities store, StreamWriterState state, Consumer<List<Event>> written) {
        this.stream = stream;
        this.store = store;
        this.written = written;
        this.lastSeq = state.lastSeq();
        this.recent = new RecentWrites(state.recentWrites());
        this.unstored = new UnstoredAccepted(stream);
    }

    /** Stores the write's events with the stream's next seqs and returns the first; throws an ApplicationFailure otherwise. */
    long write(StreamWrite write) {
        if (!write.stream().equals(stream)) {
            throw ApplicationFailure.newNonRetryableFailure("the writer of " + stream + " was sent events of "
                    + write.stream(), WriteFailures.INVALID);
        }
        String firstId = write.events().get(0).id();
        Long repeated = recent.firstSeqOf(firstId);
        if (repeated != null) {
            return repeated; // stored before, by this run or one it continued
        }
        PendingWrite earlier = inProgress(firstId);
        if (earlier != null) {
            return outcomeOf(earlier); // a repeat of a write still on its way: the same answer
        }
        if (!unstored.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("storing the events of " + stream + " failed: "
                    + unstored.because() + "; " + unstored.events().size() + " accepted events wait to be stored first",
                    WriteFailures.APPEND_FAILED);
        }
        PendingWrite mine = new PendingWrite(write, false);
        waiting.add(mine);
        return outcomeOf(mine);
    }

    private long outcomeOf(PendingWrite pending) {
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
        if (recent.contains(firstId) || inProgress(firstId) != null) {
            return;
        }
        PendingWrite mine = new PendingWrite(write, true);
        waiting.add(mine);
        awaitDone(mine);
    }

    /** The write with this first event id that waits, is being appended or waits to be appended again; else null. */
    private PendingWrite inProgress(String firstId) {
        for (List<PendingWrite> writes : List.of(waiting, inFlight, unstored.writes())) {
            for (PendingWrite pending : writes) {
                if (pending.firstId().equals(firstId)) {
                    return pending;
                }
            }
        }
        return null;
    }

    /** Why accepted events wait to be stored, or null when none waits. */
    String waitingForStore() {
        return unstored.isEmpty() ? null
                : unstored.events().size() + " accepted events wait to be stored: " + unstored.because();
    }

    private void awaitDone(PendingWrite mine) {
        while (!mine.done) {
            Workflow.await(() -> mine.done || !committing);
            if (!mine.done) {
                commitWaiting();
            }
        }
    }

    StreamWriterState state() {
        return new StreamWriterState(lastSeq, recent.asMap());
    }

    private void commitWaiting() {
        committing = true;
        try {
            if (!unstored.isEmpty()) {
                storeUnstored();
                return;
            }
            List<PendingWrite> taken = AppendGroup.take(waiting);
            inFlight = taken;
            if (lastSeq == null) {
                try {
                    lastSeq = readEnd(taken);
                    sinceRead = new AppendsSinceRead(Workflow.getInfo().getHistoryLength(),
                            Math.max(events(taken), StreamWriteActivities.LANDED_TAIL), 0);
                } catch (ActivityFailure e) {
                    if (taken.get(0).accepted) {
                        waiting.addAll(0, taken); // nothing was given a seq: they wait at the head
                        unstored.backOff(e);
                    } else {
                        fail(taken, e);
                    }
                    return;
                }
            }
            long next = lastSeq;
            List<Event> events = new ArrayList<>();
            List<PendingWrite> accepted = new ArrayList<>();
            for (PendingWrite pending : taken) {
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
            endTheTaskBeforeAppendingPastTheReadWindow(events.size());
            try {
                if (taken.get(0).accepted) {
                    store.appendAccepted(stream.tenantId(), events);
                } else {
                    store.append(stream.tenantId(), events);
                }
            } catch (ActivityFailure e) {
                if (taken.get(0).accepted) {
                    unstored.hold(events, accepted);
                    unstored.backOff(e);
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
     * Where the stream ends before the group. A local activity's result is recorded with the
     * workflow task that ran it, so a task that appended and then failed (a worker stalled past its
     * deadlock detection, a crash) is retried with its reads run again: a plain read of the end
     * would hold the lost task's own append, and the group would be stored again under the next
     * seqs, handed again to the global folds, which count it twice. So the read looks for the
     * group's first event at the stream's tail and answers the seq before it: the group goes to the
     * same seqs, which the append takes as stored. Runs recorded before ended the task after a plain
     * read instead (or, older still, did neither), and replay so.
     */
    private long readEnd(List<PendingWrite> taken) {
        if (Workflow.getVersion("read-the-end-before-a-landed-append", Workflow.DEFAULT_VERSION, 1) == 1) {
            return store.endBefore(stream, taken.get(0).firstId(), events(taken));
        }
        long end = store.lastSeq(stream);
        if (Workflow.getVersion("record-the-stream-end-before-appending", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.sleep(TASK_BOUNDARY);
        }
        return end;
    }

    /**
     * A task that read the stream's end and then appended more than that read looks back over
     * could be lost (its local activities ran, its history does not hold them), and its retry
     * would not find the first write among the landed events: it would store them all again under
     * new seqs. So before such an append the task ends, which records the read and the appends so
     * far. A later task holds the read in its history already. Runs recorded before appended on,
     * and replay so.
     */
    private void endTheTaskBeforeAppendingPastTheReadWindow(int appending) {
        if (sinceRead != null && sinceRead.task() != Workflow.getInfo().getHistoryLength()) {
            sinceRead = null;
        }
        if (sinceRead != null && sinceRead.appended() + appending > sinceRead.window()
                && Workflow.getVersion("end-the-task-before-appending-past-the-read-window", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.sleep(TASK_BOUNDARY);
            sinceRead = null;
        }
    }

    private static int events(List<PendingWrite> writes) {
        return writes.stream().mapToInt(pending -> pending.write.events().size()).sum();
    }

    /** The accepted group whose append failed, again with the same seqs: the stream's end cannot have moved. */
    private void storeUnstored() {
        try {
            store.appendAccepted(stream.tenantId(), unstored.events());
        } catch (ActivityFailure e) {
            unstored.backOff(e);
            return;
        }
        List<Event> events = unstored.events();
        List<PendingWrite> writes = unstored.writes();
        unstored.release();
        stored(events, writes);
    }

    private void stored(List<Event> events, List<PendingWrite> writes) {
        lastSeq = events.get(events.size() - 1).seq();
        if (sinceRead != null) {
            sinceRead = sinceRead.plus(events.size());
        }
        unstored.resetWait();
        for (PendingWrite pending : writes) {
            recent.remember(pending.firstId(), pending.firstSeq);
            pending.done = true;
        }
        written.accept(events);
    }

    private void fail(List<PendingWrite> pendings, ActivityFailure cause) {
        for (PendingWrite pending : pendings) {
            pending.failure = ApplicationFailure.newNonRetryableFailure("storing the events of " + stream + " failed: "
                    + SideWork.rootMessage(cause), WriteFailures.APPEND_FAILED);
            pending.done = true;
        }
    }
}
