package dev.foldwork.workflows.client;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.workflows.FoldRun;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.FoldWorkflow;
import dev.foldwork.workflows.PayloadSize;
import dev.foldwork.workflows.SeqRanges;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the Temporal mode (the {@code web} role runs only this). Events are grouped
 * per fold workflow; each group waits a short window for more, then goes out as one
 * signalWithStart, which starts the group's workflow if no run is open. The order of dispatch
 * calls is fixed when {@code dispatch} returns; its future completes when Temporal accepted
 * every signal to the aggregates' workflows, or fails with the error that remained after retries.
 * Signals to a global fold's workflow are paced ({@code globalSignalSpacing}) and not waited for:
 * every aggregate feeds them, and a failure is logged (the global fold's catch-up reads the store).
 * Events must be in the event store before they are dispatched (the log is the truth): a signal
 * may carry only their stream ranges, which the workflow reads from the store. A global fold's run
 * about to continue as new can have its signals wait until it has ({@link GlobalSignalHolds}).
 */
public final class TemporalDispatcher implements EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TemporalDispatcher.class);
    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN,
            // the test server (and a busy real one) answers NOT_FOUND "Completed workflow" while a run closes
            Status.Code.NOT_FOUND);

    private final WorkflowClient client;
    private final EventRouter router;
    private final TemporalDispatcherOptions options;
    private final Map<FoldGroupId, GroupSignals> groups = new ConcurrentHashMap<>();
    /** When each global group's last signal left, for the spacing (a group retires when drained). */
    private final Map<FoldGroupId, Long> globalSentAt = new ConcurrentHashMap<>();
    private final GlobalSignalHolds holds = GlobalSignalHolds.PROCESS;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final Object settled = new Object();
    private long unsettled; // chunks dispatched whose future has not completed yet, guarded by settled

    public TemporalDispatcher(WorkflowClient client, EventRouter router, TemporalDispatcherOptions options) {
        this.client = client;
        this.router = router;
        this.options = options;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fold-signal-timer"));
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(options.senders(), r -> daemon(r, "fold-signal-" + n.incrementAndGet()));
    }

    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        return dispatch(events, false);
    }

    /**
     * This dispatcher for events their stream's writer stored ({@link TemporalStreamWriter}): the
     * aggregate's own workflow has them already, so they go to the global folds' workflows only.
     */
    public EventDispatcher toGlobalFolds() {
        return events -> dispatch(events, true);
    }

    private CompletableFuture<Void> dispatch(List<Event> events, boolean globalOnly) {
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (Map.Entry<FoldGroupId, List<Event>> group : router.foldGroups(events).entrySet()) {
            if (globalOnly && !router.isGlobal(group.getKey())) {
                continue;
            }
            List<GroupSignals.Chunk> chunks = chunks(group.getValue());
            boolean global = router.isGlobal(group.getKey());
            for (GroupSignals.Chunk chunk : chunks) {
                CompletableFuture<Void> settledChunk = chunk.accepted().whenComplete((ok, error) -> {
                    settleOne();
                    if (error != null && global) {
                        log.warn("events for the global fold group {} were not signalled; its catch-up reads them: {}",
                                group.getKey(), error.toString());
                    }
                });
                if (!global) {
                    accepted.add(settledChunk);
                }
            }
            synchronized (settled) {
                unsettled += chunks.size();
            }
            enqueue(group.getKey(), chunks);
        }
        return CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new));
    }

    /** Waits until every dispatched event was sent (or failed), then stops the sending threads. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (settled) {
            long left;
            while (unsettled > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(settled, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private void settleOne() {
        synchronized (settled) {
            if (--unsettled == 0) {
                settled.notifyAll();
            }
        }
    }

    /** Splits one group's events into pieces that each fit in a signal. */
    private List<GroupSignals.Chunk> chunks(List<Event> events) {
        List<GroupSignals.Chunk> chunks = new ArrayList<>();
        List<Event> part = new ArrayList<>();
        long bytes = 0;
        for (Event event : events) {
            long size = PayloadSize.of(event);
            if (!part.isEmpty() && (part.size() == options.maxEventsPerSignal() || bytes + size > options.maxSignalBytes())) {
                chunks.add(new GroupSignals.Chunk(List.copyOf(part), bytes, new CompletableFuture<>()));
                part.clear();
                bytes = 0;
            }
            part.add(event);
            bytes += size;
        }
        if (!part.isEmpty()) {
            chunks.add(new GroupSignals.Chunk(List.copyOf(part), bytes, new CompletableFuture<>()));
        }
        return chunks;
    }

    private void enqueue(FoldGroupId id, List<GroupSignals.Chunk> chunks) {
        while (true) {
            GroupSignals group = groups.computeIfAbsent(id, GroupSignals::new);
            switch (group.offer(chunks)) {
                case QUEUED -> {
                    return;
                }
                case START -> {
                    timer.schedule(() -> sendNext(group), Math.max(options.batchWindow().toNanos(), untilSpaced(id)),
                            TimeUnit.NANOSECONDS);
                    return;
                }
                case RETIRED -> groups.remove(id, group);
            }
        }
    }

    /** How often a held group looks whether its run has continued as new. */
    private static final Duration HOLD_CHECK = Duration.ofMillis(100);

    /** Whether the group's signals still wait for its run to continue as new. Asks the server: not on the timer thread. */
    private boolean isHeld(FoldGroupId id) {
        Optional<String> run = holds.heldFor(id);
        if (run.isEmpty()) {
            return false;
        }
        if (!run.get().equals(currentRunId(id))) {
            holds.release(id, run.get());
            return false;
        }
        return true;
    }

    /** The run id of the workflow's current run; empty when there is none or the server cannot say. */
    private String currentRunId(FoldGroupId id) {
        try {
            return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id.toString())).build())
                    .getWorkflowExecutionInfo().getExecution().getRunId();
        } catch (StatusRuntimeException e) {
            return "";
        }
    }

    /**
     * The next signal of a group. When its events are larger than {@code maxInlineBytes}, or more
     * waits behind it (the sender is ahead of the workflow: a burst, a paced global fold), it
     * carries their stream ranges only, and the workflow pulls the events from the store at its
     * own pace instead of a burst filling one run's history.
     */
    private void sendNext(GroupSignals group) {
        if (holds.mayHold(group.id)) {
            senders.execute(() -> {
                if (isHeld(group.id)) {
                    timer.schedule(() -> sendNext(group), HOLD_CHECK.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    sendNext(group);
                }
            });
            return;
        }
        List<GroupSignals.Chunk> chunks = group.take(options.maxEventsPerSignal(), options.maxSignalBytes());
        boolean byReference = group.hasWaiting()
                || chunks.stream().mapToLong(GroupSignals.Chunk::bytes).sum() > options.maxInlineBytes();
        senders.execute(() -> attempt(group, chunks, byReference, 1));
    }

    private void attempt(GroupSignals group, List<GroupSignals.Chunk> chunks, boolean byReference, int attempt) {
        try {
            List<Event> events = chunks.stream().flatMap(c -> c.events().stream()).toList();
            if (byReference) {
                signalWithStart(group.id, FoldWorkflow.STORED_SIGNAL, SeqRanges.of(events));
            } else {
                signalWithStart(group.id, FoldWorkflow.EVENTS_SIGNAL, events);
            }
            chunks.forEach(c -> c.accepted().complete(null));
        } catch (RuntimeException e) {
            if (isTransient(e) && !options.retry().exhausted(attempt)) {
                Duration wait = options.retry().backoff(attempt);
                timer.schedule(() -> senders.execute(() -> attempt(group, chunks, byReference, attempt + 1)),
                        wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            chunks.forEach(c -> c.accepted().completeExceptionally(e));
            group.failWaiting(e);
            groups.remove(group.id, group);
            return;
        }
        boolean global = router.isGlobal(group.id);
        if (global) {
            globalSentAt.put(group.id, System.nanoTime());
        }
        if (!group.sentOne()) {
            groups.remove(group.id, group);
        } else if (global) {
            timer.schedule(() -> sendNext(group), untilSpaced(group.id), TimeUnit.NANOSECONDS);
        } else {
            sendNext(group);
        }
    }

    /** Nanoseconds until a global group's next signal may leave; 0 for an aggregate's group. */
    private long untilSpaced(FoldGroupId id) {
        Long sentAt = globalSentAt.get(id);
        return sentAt == null ? 0 : Math.max(0, sentAt + options.globalSignalSpacing().toNanos() - System.nanoTime());
    }

    private void signalWithStart(FoldGroupId id, String signal, List<?> payload) {
        WorkflowStub stub = client.newUntypedWorkflowStub(FoldWorkflow.TYPE, workflowOptions(id, options).build());
        stub.signalWithStart(signal, new Object[] {payload}, new Object[] {FoldRun.fresh(id)});
    }

    /** How a group's workflow is started, by a signal or by a write. */
    static WorkflowOptions.Builder workflowOptions(FoldGroupId id, TemporalDispatcherOptions options) {
        WorkflowOptions.Builder workflow = WorkflowOptions.newBuilder()
                .setWorkflowId(id.toString())
                .setTaskQueue(options.taskQueue())
                .setStaticSummary("Folds " + id.aggregateType() + " " + id.aggregateKey() + " of tenant " + id.tenantId()
                        + " (pipeline " + id.pipeline() + ")");
        if (options.searchAttributes()) {
            workflow.setTypedSearchAttributes(FoldSearchAttributes.of(id));
        }
        return workflow;
    }

    static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkflowExecutionAlreadyStarted) {
                // the run was completing as the signal arrived; the next try signals or starts its successor
                return true;
            }
            if (cause instanceof StatusRuntimeException status) {
                return TRANSIENT.contains(status.getStatus().getCode());
            }
        }
        return false;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
