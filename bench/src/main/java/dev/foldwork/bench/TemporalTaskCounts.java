package dev.foldwork.bench;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What Temporal did per command, read from the histories of the workflows the commands went to:
 * workflow tasks, activity tasks, local activities and timers. Only each workflow's latest run
 * is read, so a run that continued as new during the bench counts its last part only.
 */
record TemporalTaskCounts(long workflows, long workflowTasks, long activityTasks, long localActivities, long timers) {

    static TemporalTaskCounts of(String target, List<String> workflowIds) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
            long workflows = 0;
            long workflowTasks = 0;
            long activityTasks = 0;
            long localActivities = 0;
            long timers = 0;
            for (String workflowId : workflowIds) {
                List<HistoryEvent> events = history(stubs, workflowId);
                workflows += events.isEmpty() ? 0 : 1;
                for (HistoryEvent event : events) {
                    EventType type = event.getEventType();
                    workflowTasks += type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED ? 1 : 0;
                    activityTasks += type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ? 1 : 0;
                    localActivities += type == EventType.EVENT_TYPE_MARKER_RECORDED
                            && event.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity") ? 1 : 0;
                    timers += type == EventType.EVENT_TYPE_TIMER_STARTED ? 1 : 0;
                }
            }
            return new TemporalTaskCounts(workflows, workflowTasks, activityTasks, localActivities, timers);
        } finally {
            stubs.shutdown();
        }
    }

    /** One line, per {@code unit}: {@code count} is how many of them (commands, traces) went to these workflows. */
    String per(String unit, long count) {
        double n = Math.max(1, count);
        return String.format("%d workflows; per %s %.1f workflow tasks, %.1f activity tasks, %.1f local activities,"
                + " %.1f timers", workflows, unit, workflowTasks / n, activityTasks / n, localActivities / n, timers / n);
    }

    /** The latest run's events, every page; none when there is no such workflow. */
    private static List<HistoryEvent> history(WorkflowServiceStubs stubs, String workflowId) {
        List<HistoryEvent> events = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        try {
            do {
                GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
                        GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                .setNextPageToken(token).build());
                events.addAll(page.getHistory().getEventsList());
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
        }
        return events;
    }
}
