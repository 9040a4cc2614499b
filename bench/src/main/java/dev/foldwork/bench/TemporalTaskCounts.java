package dev.foldwork.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
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
            long[] counts = new long[4];
            for (String workflowId : workflowIds) {
                List<HistoryEvent> events = history(stubs, workflowId);
                if (events.isEmpty()) {
                    continue;
                }
                workflows++;
                for (HistoryEvent event : events) {
                    count(event, counts);
                }
            }
            return new TemporalTaskCounts(workflows, counts[0], counts[1], counts[2], counts[3]);
        } finally {
            stubs.shutdown();
        }
    }

    /** One line, per command: {@code commands} is how many went to these workflows. */
    String perCommand(long commands) {
        double n = Math.max(1, commands);
        return String.format("%d workflows; per command %.1f workflow tasks, %.1f activity tasks, %.1f local activities,"
                + " %.1f timers", workflows, workflowTasks / n, activityTasks / n, localActivities / n, timers / n);
    }

    private static void count(HistoryEvent event, long[] counts) {
        EventType type = event.getEventType();
        if (type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
            counts[0]++;
        } else if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
            counts[1]++;
        } else if (type == EventType.EVENT_TYPE_MARKER_RECORDED
                && event.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
            counts[2]++;
        } else if (type == EventType.EVENT_TYPE_TIMER_STARTED) {
            counts[3]++;
        }
    }

    /** The latest run's events, every page; none when there is no such workflow. */
    private static List<HistoryEvent> history(WorkflowServiceStubs stubs, String workflowId) {
        List<HistoryEvent> events = new java.util.ArrayList<>();
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
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
                throw e;
            }
        }
        return events;
    }
}
