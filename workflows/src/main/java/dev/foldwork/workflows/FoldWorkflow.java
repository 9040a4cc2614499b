package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One fold group's long-running workflow, id {@code fold:{tenant}:{aggregateType}:{aggregateKey}}.
 * Events arrive in batches by signal, in dispatch order; the run applies every fold of the group,
 * persists, reacts, maps, continues as new before Temporal's limits and completes when idle.
 */
@WorkflowInterface
public interface FoldWorkflow {
    String TYPE = "FoldWorkflow";
    String EVENTS_SIGNAL = "events";

    @WorkflowMethod(name = TYPE)
    void run(FoldRun run);

    /** A batch of events of this group, in order. Events already consumed are ignored. */
    @SignalMethod(name = EVENTS_SIGNAL)
    void events(List<Event> events);

    /** Operator: apply the parked event again (for example after a fix was deployed). */
    @SignalMethod(name = "retry")
    void retry();

    /** Operator: consume the parked event without applying it to the fold that failed on it. */
    @SignalMethod(name = "skip")
    void skip(String eventId);

    /** Each fold's live state, the last applied event, counts, and why the group is parked if it is. */
    @QueryMethod(name = "view")
    FoldView view();
}
