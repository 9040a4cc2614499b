package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Accepted writes (by signal) have no caller to retry them, so their failed append is kept here,
 * with the seqs it was given, and tried again as it is until the store takes it; the wait between
 * tries grows. Meanwhile the stream cannot move on ({@link StreamAppends} fails new writes at once).
 */
final class UnstoredAccepted {
    private static final Logger log = Workflow.getLogger(UnstoredAccepted.class);
    /** The wait before an accepted group's append is tried again; it doubles up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final StreamId stream;
    private List<Event> events = List.of();
    private List<PendingWrite> writes = List.of();
    private String because;
    private Duration retryIn = FIRST_RETRY;

    UnstoredAccepted(StreamId stream) {
        this.stream = stream;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The accepted group whose append failed, with the seqs it was given. */
    void hold(List<Event> events, List<PendingWrite> writes) {
        this.events = events;
        this.writes = writes;
    }

    List<Event> events() {
        return events;
    }

    List<PendingWrite> writes() {
        return writes;
    }

    /** Why the held group is not stored yet (the last failure's root message). */
    String because() {
        return because;
    }

    /** The held group is stored: nothing waits any more. */
    void release() {
        events = List.of();
        writes = List.of();
        because = null;
    }

    /** After an append that landed: the next failure waits the shortest time again. */
    void resetWait() {
        retryIn = FIRST_RETRY;
    }

    /** Waits before accepted writes are tried again, longer each time; the committer holds the stream meanwhile. */
    void backOff(ActivityFailure cause) {
        because = SideWork.rootMessage(cause);
        log.warn("storing accepted events of {} failed ({}); trying again in {}", stream, because, retryIn);
        Workflow.sleep(retryIn);
        retryIn = retryIn.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryIn.multipliedBy(2);
    }
}
