package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Set;

/**
 * What a fold workflow's runs cost, measured on the histories the test server recorded, against
 * budgets well inside what a real Temporal server allows (the test server enforces none of
 * them): history length and bytes per run, the input of each activity and of continue-as-new,
 * each activity's result (a local activity's is its marker), what one workflow task completes, activities pending at once, and
 * signals per run.
 */
record RunBudgets(long historyEvents, long historyBytes, long activityInputBytes, long activityResultBytes,
                  long continueAsNewInputBytes, long taskCompletionBytes, long pendingActivities, long signals,
                  String heaviestRun) {

    /** The budgets the Temporal issue sets: far below 51,200 events, 50 MB, 2 MB payloads, 2,000 pending activities, 10,000 signals. */
    static final RunBudgets LIMITS = new RunBudgets(10_000, 10L << 20, 512 << 10, 512 << 10, 512 << 10, 1 << 20, 500, 5_000,
            "");

    /** Events a workflow task's commands add to the history (update messages included). */
    private static final Set<EventType> FROM_COMMANDS = Set.of(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED, EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);

    private static final Set<EventType> ACTIVITY_ENDS = Set.of(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED);

    /** The largest value of each measure over the runs. */
    static RunBudgets measure(List<WorkflowExecutionHistory> runs) {
        RunBudgets largest = new RunBudgets(0, 0, 0, 0, 0, 0, 0, 0, "");
        for (WorkflowExecutionHistory run : runs) {
            largest = largest.max(measureOne(run.getEvents()));
        }
        return largest;
    }

    private static RunBudgets measureOne(List<HistoryEvent> history) {
        long bytes = 0, activityInput = 0, activityResult = 0, continueInput = 0, completion = 0, largestCompletion = 0;
        long pending = 0, mostPending = 0, signals = 0;
        boolean inCompletion = false;
        Map<EventType, Long> bytesByType = new TreeMap<>();
        for (HistoryEvent event : history) {
            bytes += event.getSerializedSize();
            bytesByType.merge(event.getEventType(), (long) event.getSerializedSize(), Long::sum);
            EventType type = event.getEventType();
            if (type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                inCompletion = true;
                completion = 0;
            } else if (inCompletion && FROM_COMMANDS.contains(type)) {
                completion += event.getSerializedSize();
                largestCompletion = Math.max(largestCompletion, completion);
            } else {
                inCompletion = false;
            }
            switch (type) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    activityInput = Math.max(activityInput, event.getActivityTaskScheduledEventAttributes().getInput().getSerializedSize());
                    mostPending = Math.max(mostPending, ++pending);
                }
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> activityResult = Math.max(activityResult,
                        event.getActivityTaskCompletedEventAttributes().getResult().getSerializedSize());
                // a local activity's result (the store reads) is recorded in a marker
                case EVENT_TYPE_MARKER_RECORDED -> activityResult = Math.max(activityResult,
                        event.getMarkerRecordedEventAttributes().getSerializedSize());
                case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> continueInput = Math.max(continueInput,
                        event.getWorkflowExecutionContinuedAsNewEventAttributes().getInput().getSerializedSize());
                case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signals++;
                default -> { }
            }
            if (ACTIVITY_ENDS.contains(type)) {
                pending--;
            }
        }
        String heaviest = bytesByType.entrySet().stream().sorted(Map.Entry.<EventType, Long>comparingByValue().reversed())
                .limit(4).map(e -> e.getKey().name().replace("EVENT_TYPE_", "") + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return new RunBudgets(history.size(), bytes, activityInput, activityResult, continueInput, largestCompletion,
                mostPending, signals, heaviest);
    }

    private RunBudgets max(RunBudgets other) {
        return new RunBudgets(Math.max(historyEvents, other.historyEvents), Math.max(historyBytes, other.historyBytes),
                Math.max(activityInputBytes, other.activityInputBytes), Math.max(activityResultBytes, other.activityResultBytes),
                Math.max(continueAsNewInputBytes, other.continueAsNewInputBytes),
                Math.max(taskCompletionBytes, other.taskCompletionBytes), Math.max(pendingActivities, other.pendingActivities),
                Math.max(signals, other.signals), other.historyBytes > historyBytes ? other.heaviestRun : heaviestRun);
    }

    /** Fails naming every measure over its budget; prints the measures as one BUDGET line for the record. */
    RunBudgets assertWithin(RunBudgets limits, String scenario) {
        System.out.printf("BUDGET %s history_events=%d history_bytes=%d activity_input_bytes=%d activity_result_bytes=%d"
                        + " continue_as_new_input_bytes=%d task_completion_bytes=%d pending_activities=%d signals=%d%n",
                scenario, historyEvents, historyBytes, activityInputBytes, activityResultBytes, continueAsNewInputBytes,
                taskCompletionBytes, pendingActivities, signals);
        assertThat(historyEvents).as(scenario + ": history events in a run").isLessThanOrEqualTo(limits.historyEvents);
        assertThat(historyBytes).as(scenario + ": history bytes in a run (its heaviest event types: " + heaviestRun + ")")
                .isLessThanOrEqualTo(limits.historyBytes);
        assertThat(activityInputBytes).as(scenario + ": an activity's input").isLessThanOrEqualTo(limits.activityInputBytes);
        assertThat(activityResultBytes).as(scenario + ": an activity's result").isLessThanOrEqualTo(limits.activityResultBytes);
        assertThat(continueAsNewInputBytes).as(scenario + ": a continue-as-new input").isLessThanOrEqualTo(limits.continueAsNewInputBytes);
        assertThat(taskCompletionBytes).as(scenario + ": what one workflow task completes").isLessThanOrEqualTo(limits.taskCompletionBytes);
        assertThat(pendingActivities).as(scenario + ": activities pending at once").isLessThanOrEqualTo(limits.pendingActivities);
        assertThat(signals).as(scenario + ": signals in a run").isLessThanOrEqualTo(limits.signals);
        return this;
    }
}
