package dev.foldwork.starter.http.admin;

import com.google.protobuf.ByteString;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin.JobState;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.http.admin.QueueAdminController.BulkRequest;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldView;
import dev.foldwork.workflows.FoldWorkflow;
import dev.foldwork.workflows.Parked;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * The fold workflows that parked. A server with advanced visibility lists them by the query
 * {@code FoldParked = true}; Temporal's test server (the embedded default) has no such query, so
 * the open fold workflows are listed instead. Either way each listed workflow's {@code view}
 * query tells the event, fold and error, and at most {@link #MAX_EXAMINED} workflows are examined
 * per request: a page says how many it examined and whether that was all ({@code complete}).
 * Retry and skip are the workflow's {@code retryParked} and {@code skipParked} updates; a refusal
 * of their validators comes back as a problem with the workflow's message (400 for a wrong event
 * id, 409 when the workflow is not parked, or parked where only a retry helps).
 */
final class TemporalParked implements ParkedAggregates {
    static final int MAX_EXAMINED = 1_000;
    private static final String PARKED_QUERY = "WorkflowType = '" + FoldWorkflow.TYPE + "' AND ExecutionStatus = 'Running' AND "
            + FoldSearchAttributes.PARKED.getName() + " = true";

    private final WorkflowClient client;
    private final PipelineRegistry registry;

    TemporalParked(WorkflowClient client, PipelineRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    private record Scan(List<ParkedAggregate> parked, int examined, boolean complete) {}

    @Override
    public ParkedAggregate.Page page(QueueItemFilter filter, int limit, String cursor) {
        Scan scan = scan(filter);
        return ParkedAggregate.page(scan.parked(), limit, cursor, scan.examined(), scan.complete());
    }

    @Override
    public List<String> targets(BulkRequest bulk) {
        if (bulk.ids() == null) {
            List<ParkedAggregate> matching = scan(bulk.filter()).parked();
            return ParkedAggregate.page(matching, MAX_EXAMINED, null, null, null).items().stream().map(ParkedAggregate::group).toList();
        }
        // named groups go to their workflow as they are: its validator says if one is not parked
        return bulk.ids().stream().map(group -> JobGroups.fold(ParkedAggregate.foldGroup(group))).toList();
    }

    @Override
    public Canary.Outcome retryCanary(String group, Duration timeout) {
        FoldGroupId id = ParkedAggregate.foldGroup(group);
        FoldWorkflow workflow = workflow(id);
        FoldView before = call(group, workflow::view);
        if (before.parked() == null) {
            throw new ApiException.CanaryFailed("group " + group + " is no longer parked");
        }
        call(group, workflow::retryParked);
        return Canary.await("parked aggregate " + group, () -> {
            FoldView now = call(group, workflow::view);
            return now.parked() != null ? JobState.DEAD : now.applied() > before.applied() ? JobState.COMPLETED : JobState.QUEUED;
        }, timeout);
    }

    @Override
    public boolean retry(String group) {
        call(group, workflow(ParkedAggregate.foldGroup(group))::retryParked);
        return true;
    }

    /** Skips the event given, or else the one the workflow is parked at. */
    @Override
    public boolean skip(String group, String eventId) {
        FoldWorkflow workflow = workflow(ParkedAggregate.foldGroup(group));
        String event = eventId;
        if (event == null) {
            Parked parked = call(group, workflow::view).parked();
            if (parked == null) {
                throw new ApiException.Refused(HttpStatus.CONFLICT, ParkedAggregate.foldGroup(group) + " is not parked");
            }
            event = parked.eventId();
        }
        String skipped = event;
        call(group, () -> workflow.skipParked(skipped));
        return true;
    }

    private FoldWorkflow workflow(FoldGroupId id) {
        return client.newWorkflowStub(FoldWorkflow.class, id.toString());
    }

    /** A call to a group's workflow; what it refuses becomes a problem with its message. */
    private static <T> T call(String group, Supplier<T> call) {
        try {
            return call.get();
        } catch (WorkflowNotFoundException e) {
            throw new ApiException.NotFound("no open fold workflow for group " + group);
        } catch (WorkflowException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ApplicationFailure failure) {
                    boolean badRequest = IllegalArgumentException.class.getName().equals(failure.getType());
                    throw new ApiException.Refused(badRequest ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT,
                            failure.getOriginalMessage());
                }
                if (cause instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    throw new ApiException.NotFound("no open fold workflow for group " + group);
                }
            }
            throw e;
        }
    }

    /** The parked fold workflows the filter matches, of at most {@link #MAX_EXAMINED} examined. */
    private Scan scan(QueueItemFilter filter) {
        WorkflowServiceBlockingStub stub = client.getWorkflowServiceStubs().blockingStub();
        String namespace = client.getOptions().getNamespace();
        List<WorkflowExecutionInfo> listed = new ArrayList<>();
        boolean complete;
        try {
            complete = listParked(stub, namespace, listed);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code != Status.Code.UNIMPLEMENTED && code != Status.Code.INVALID_ARGUMENT) {
                throw e;
            }
            listed.clear(); // no visibility query here (the test server), or FoldParked is not registered
            complete = listOpen(stub, namespace, listed);
        }
        List<ParkedAggregate> parked = new ArrayList<>();
        for (WorkflowExecutionInfo info : listed) {
            parked(info.getExecution().getWorkflowId())
                    .filter(one -> filter.matches(one.group(), one.error()))
                    .ifPresent(parked::add);
        }
        return new Scan(parked, listed.size(), complete);
    }

    /** True when the list is whole. */
    private static boolean listParked(WorkflowServiceBlockingStub stub, String namespace, List<WorkflowExecutionInfo> listed) {
        ByteString page = ByteString.EMPTY;
        do {
            ListWorkflowExecutionsResponse response = stub.withDeadlineAfter(10, TimeUnit.SECONDS).listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setQuery(PARKED_QUERY)
                            .setPageSize(Math.min(500, MAX_EXAMINED - listed.size())).setNextPageToken(page).build());
            listed.addAll(response.getExecutionsList().subList(0,
                    Math.min(response.getExecutionsCount(), MAX_EXAMINED - listed.size())));
            page = response.getNextPageToken();
        } while (!page.isEmpty() && listed.size() < MAX_EXAMINED);
        return page.isEmpty();
    }

    /** The open fold workflows, parked or not; true when the list is whole. */
    private static boolean listOpen(WorkflowServiceBlockingStub stub, String namespace, List<WorkflowExecutionInfo> listed) {
        ByteString page = ByteString.EMPTY;
        boolean full = false;
        do {
            ListOpenWorkflowExecutionsResponse response = stub.withDeadlineAfter(10, TimeUnit.SECONDS).listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(500)
                            .setNextPageToken(page).build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                if (info.getType().getName().equals(FoldWorkflow.TYPE)) {
                    if (listed.size() == MAX_EXAMINED) {
                        full = true;
                        break;
                    }
                    listed.add(info);
                }
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty() && !full);
        return !full && page.isEmpty();
    }

    /** What the workflow's view says of its park; empty when it is not parked, gone, or names no group of this service. */
    private Optional<ParkedAggregate> parked(String workflowId) {
        Optional<FoldGroupId> id = groupOf(workflowId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        FoldView view;
        try {
            view = workflow(id.get()).view();
        } catch (WorkflowException e) {
            return Optional.empty(); // completed or continued meanwhile; a later listing sees it again if it parks
        }
        Parked parked = view.parked();
        return parked == null ? Optional.empty() : Optional.of(ParkedAggregate.of(id.get(), parked.fold(), parked.eventId(),
                parked.reason(), null, null, parked.skippable(), workflowId));
    }

    /** The group of a workflow id {@code fold:<tenant>:<aggregateType>:<aggregateId>}, its pipeline from the registry. */
    private Optional<FoldGroupId> groupOf(String workflowId) {
        String[] parts = workflowId.split(":", 4);
        if (parts.length < 4 || !parts[0].equals("fold")) {
            return Optional.empty();
        }
        try {
            AggregateType type = AggregateType.of(parts[2]);
            Optional<String> pipeline = registry.pipelineOf(type).map(Pipeline::name)
                    .or(() -> registry.globalFolds().stream().anyMatch(fold -> fold.name().equals(parts[2]))
                            ? Optional.of(Pipeline.GLOBAL_PROJECTIONS) : Optional.empty());
            return pipeline.map(name -> new FoldGroupId(TenantId.of(parts[1]), name, type, parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
