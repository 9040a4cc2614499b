package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.SeqRange;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One fold group's long-running workflow, id {@code fold:{tenant}:{aggregateType}:{aggregateKey}}.
 * Events arrive in batches by signal, in dispatch order; the run applies every fold of the group,
 * persists, reacts, maps, continues as new before Temporal's limits and completes when idle. An
 * aggregate's workflow is also its stream's single writer: commands write through {@link #write}.
 */
@WorkflowInterface
public interface FoldWorkflow {
    String TYPE = "FoldWorkflow";
    String EVENTS_SIGNAL = "events";
    String STORED_SIGNAL = "stored";
    String WRITE_UPDATE = "write";
    String ACCEPT_SIGNAL = "accept";

    @WorkflowMethod(name = TYPE)
    void run(FoldRun run);

    /** A batch of events of this group, in order. Events already consumed are ignored. */
    @SignalMethod(name = EVENTS_SIGNAL)
    void events(List<Event> events);

    /**
     * Events of this group that are stored but too large to carry in a signal, as stream ranges:
     * the run reads them from the event store. Ranges already consumed are ignored.
     */
    @SignalMethod(name = STORED_SIGNAL)
    void stored(List<SeqRange> ranges);

    /**
     * Gives the events the stream's next seqs if the stream still ends where the command read it,
     * stores them, queues them for this group's folds and maps, and returns the first seq (the
     * others follow it). Fails with an ApplicationFailure whose type is one of {@link WriteFailures}.
     */
    @UpdateMethod(name = WRITE_UPDATE)
    long write(StreamWrite write);

    /**
     * A write of a command that read no history, answered once Temporal recorded the signal: the
     * run gives its events the stream's next seqs, stores them (trying until the store takes them)
     * and projects them. A repeat of a write this run stored or holds is ignored.
     */
    @SignalMethod(name = ACCEPT_SIGNAL)
    void accept(StreamWrite write);

    /** Refuses a malformed write before it enters the history. */
    @UpdateValidatorMethod(updateName = WRITE_UPDATE)
    void validateWrite(StreamWrite write);

    /**
     * Operator: apply the parked event again (for example after a fix was deployed). Refused, with
     * the reason, when the group is not parked.
     */
    @UpdateMethod(name = "retryParked")
    String retryParked();

    @UpdateValidatorMethod(updateName = "retryParked")
    void validateRetryParked();

    /**
     * Operator: consume the parked event without applying it to the fold that failed on it.
     * Refused, with the reason, when the group is not parked, is parked at another event, or is
     * parked because persisting failed (that only a retry resolves).
     */
    @UpdateMethod(name = "skipParked")
    String skipParked(String eventId);

    @UpdateValidatorMethod(updateName = "skipParked")
    void validateSkipParked(String eventId);

    /** As {@link #retryParked}, for clients of runs started before it; nothing answers a wrong call. */
    @SignalMethod(name = "retry")
    void retry();

    /** As {@link #skipParked}, for clients of runs started before it; a wrong id is only logged. */
    @SignalMethod(name = "skip")
    void skip(String eventId);

    /** Each fold's live state, the last applied event, counts, and why the group is parked if it is. */
    @QueryMethod(name = "view")
    FoldView view();
}
