package dev.foldwork.starter.http.admin;

import com.google.protobuf.ByteString;
import dev.foldwork.workflows.FoldWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fold workflows running in the namespace. A server with advanced visibility counts them in
 * one query; Temporal's test server (the embedded default) does not implement that query, so they
 * are counted from its list of open workflows, at most {@link #MAX_LISTED}. Null when the server
 * answers neither.
 */
final class OpenFoldWorkflows {
    static final int MAX_LISTED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(OpenFoldWorkflows.class);
    private static final String QUERY = "WorkflowType = '" + FoldWorkflow.TYPE + "' AND ExecutionStatus = 'Running'";

    private OpenFoldWorkflows() {}

    static Long count(WorkflowServiceStubs service, String namespace) {
        WorkflowServiceBlockingStub stub = service.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS);
        try {
            return stub.countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setQuery(QUERY).build()).getCount();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                log.warn("Temporal did not count the open fold workflows", e);
                return null;
            }
        }
        try {
            return listed(stub, namespace);
        } catch (StatusRuntimeException e) {
            log.warn("Temporal did not list the open fold workflows", e);
            return null;
        }
    }

    private static long listed(WorkflowServiceBlockingStub stub, String namespace) {
        long open = 0;
        int seen = 0;
        ByteString page = ByteString.EMPTY;
        do {
            ListOpenWorkflowExecutionsResponse response = stub.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest
                    .newBuilder().setNamespace(namespace).setMaximumPageSize(1000).setNextPageToken(page).build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                open += info.getType().getName().equals(FoldWorkflow.TYPE) ? 1 : 0;
            }
            seen += response.getExecutionsCount();
            page = response.getNextPageToken();
        } while (!page.isEmpty() && seen < MAX_LISTED);
        return open;
    }
}
