package dev.foldwork.workflows.client;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.service.StaleDecisionException;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.StoreException;
import dev.foldwork.workflows.FoldRun;
import dev.foldwork.workflows.FoldWorkflow;
import dev.foldwork.workflows.PayloadSize;
import dev.foldwork.workflows.StreamWrite;
import dev.foldwork.workflows.WriteFailures;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal mode's {@link StreamWriter}. A command's events go by an update to their
 * aggregate's fold workflow, the stream's single writer across every web process (a workflow id
 * has one open run): it checks the command's expectation, gives the events seqs, stores them,
 * queues them for its own folds and maps, and answers after the store took them. This process
 * then dispatches them to the global folds' workflows; if it dies first, catch-up does that.
 * A command writes one stream, and decides on that stream's history only: no pipeline's handler
 * does more, and two workflows cannot write atomically.
 */
public final class TemporalStreamWriter implements StreamWriter {
    private static final Logger log = LoggerFactory.getLogger(TemporalStreamWriter.class);

    private final WorkflowClient client;
    private final EventRouter router;
    private final TemporalDispatcherOptions options;
    private final EventDispatcher globalFolds;
    private final WriteAcceptance acceptance;
    /** Null when this writer never accepts: every write is stored before it is answered. */
    private final AcceptGate gate;

    /** {@code globalFolds} takes the stored events on to the global folds: {@link TemporalDispatcher#toGlobalFolds()}. */
    public TemporalStreamWriter(WorkflowClient client, EventRouter router, TemporalDispatcherOptions options,
                                EventDispatcher globalFolds) {
        this(client, router, options, globalFolds, WriteAcceptance.whenSignalled());
    }

    /** {@code acceptance}: when ingestion writes ({@link #accept}) are answered. */
    public TemporalStreamWriter(WorkflowClient client, EventRouter router, TemporalDispatcherOptions options,
                                EventDispatcher globalFolds, WriteAcceptance acceptance) {
        this.client = client;
        this.router = router;
        this.options = options;
        this.globalFolds = globalFolds;
        this.acceptance = acceptance;
        this.gate = acceptance.bySignal() ? new AcceptGate(client) : null;
    }

    @Override
    public List<Event> write(List<NewEvent> events, Map<StreamId, Long> expected) {
        if (events.isEmpty()) {
            return List.of();
        }
        StreamId stream = checked(events, expected);
        long first = update(writerOf(stream), new StreamWrite(stream, events, expected.get(stream)));
        List<Event> stored = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            stored.add(event.at(first + stored.size()));
        }
        dispatchToGlobalFolds(stored);
        return stored;
    }

    /**
     * Signals the events to their writer, which stores and projects them next: one round trip to
     * Temporal, where a write waits for a workflow task and an append. The writer's run hands them
     * to the global folds. While the run does not keep up ({@link AcceptGate}), they are written.
     * With a {@link LocalAppendWatch}, answers once this process's worker stored them.
     */
    @Override
    public boolean accept(List<NewEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        StreamId stream = checked(events, Map.of());
        FoldGroupId group = writerOf(stream);
        if (gate == null || !gate.admits(group)) {
            write(events, Map.of());
            return true;
        }
        StreamWrite write = new StreamWrite(stream, events, null);
        LocalAppendWatch watch = acceptance.watch();
        if (watch == null) {
            signal(group, write);
            return false;
        }
        String firstId = events.get(0).id();
        CompletableFuture<Long> stored = watch.expect(firstId); // before the signal: its append may come first
        try {
            signal(group, write);
            awaitStored(stream, firstId, stored, watch);
            return true;
        } finally {
            watch.forget(firstId);
        }
    }

    private void signal(FoldGroupId group, StreamWrite write) {
        for (int attempt = 1; ; attempt++) {
            try {
                // a repeat of a signal that did arrive is ignored by the run (same first event id)
                client.newUntypedWorkflowStub(FoldWorkflow.TYPE, TemporalDispatcher.workflowOptions(group, options).build())
                        .signalWithStart(FoldWorkflow.ACCEPT_SIGNAL, new Object[] {write}, new Object[] {FoldRun.fresh(group)});
                return;
            } catch (RuntimeException e) {
                if (!TemporalDispatcher.isTransient(e) || options.retry().exhausted(attempt)) {
                    throw new StoreException("the writer of " + write.stream() + " did not accept the write after "
                            + attempt + " attempts", e);
                }
            }
            pause(options.retry().backoff(attempt));
        }
    }

    private void awaitStored(StreamId stream, String firstId, CompletableFuture<Long> stored, LocalAppendWatch watch) {
        try {
            stored.get(acceptance.storeWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (watch.holds(stream, firstId)) {
                return; // stored by a worker of another process
            }
            throw new AcceptedNotStoredException("the write to " + stream + " was accepted but not stored within "
                    + acceptance.storeWait().toSeconds() + " s; its writer stores it once the store takes it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the write to " + stream + " to be stored");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the store watch never fails", e);
        }
    }

    /** The one stream the events are of; refuses what a write cannot carry. */
    private StreamId checked(List<NewEvent> events, Map<StreamId, Long> expected) {
        StreamId stream = events.get(0).stream();
        long bytes = 0;
        for (NewEvent event : events) {
            if (!event.stream().equals(stream)) {
                throw new IllegalArgumentException("in the Temporal mode a command writes one stream; this one wrote "
                        + stream + " and " + event.stream());
            }
            bytes += PayloadSize.of(event);
        }
        for (StreamId read : expected.keySet()) {
            if (!read.equals(stream)) {
                throw new IllegalArgumentException("in the Temporal mode a command decides on the history of the stream"
                        + " it writes only; this one read " + read + " and writes " + stream);
            }
        }
        if (bytes > options.maxSignalBytes()) {
            throw new IllegalArgumentException("the events for " + stream + " are about " + bytes
                    + " bytes, more than one write may carry (" + options.maxSignalBytes() + ")");
        }
        return stream;
    }

    /** The stream's aggregate fold group: its workflow writes the stream, with or without folds. */
    private FoldGroupId writerOf(StreamId stream) {
        Pipeline pipeline = router.registry().pipelineOf(stream.aggregateType()).orElseThrow(() ->
                new IllegalArgumentException("no pipeline has aggregate type " + stream.aggregateType() + " of " + stream));
        return new FoldGroupId(stream.tenantId(), pipeline.name(), stream.aggregateType(), stream.aggregateId());
    }

    /** The first seq the writer gave; a run that is ending and transient errors are retried. */
    private long update(FoldGroupId group, StreamWrite write) {
        UpdateOptions<Long> update = UpdateOptions.<Long>newBuilder()
                .setUpdateName(FoldWorkflow.WRITE_UPDATE)
                .setUpdateId(write.events().get(0).id()) // a repeat in the same run is answered from the first
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .setResultClass(Long.class)
                .build();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failed;
            try {
                return updateOrStart(group, update, write);
            } catch (WorkflowUpdateException e) {
                ApplicationFailure reason = reason(e);
                String type = reason == null ? "" : reason.getType();
                if (WriteFailures.STALE.equals(type)) {
                    throw new StaleDecisionException(write.stream(), reason.getDetails().get(0, Long.class),
                            reason.getDetails().get(1, Long.class));
                }
                if (WriteFailures.APPEND_FAILED.equals(type)) {
                    throw new StoreException(reason.getOriginalMessage(), e);
                }
                if (!WriteFailures.RUN_ENDING.equals(type)) {
                    throw new IllegalStateException("the writer of " + write.stream() + " refused the write: "
                            + (reason == null ? e.getMessage() : reason.getOriginalMessage()), e);
                }
                failed = e;
            } catch (RuntimeException e) {
                // a run that ended between the start and the update: the next try starts its successor
                if (!(e instanceof WorkflowNotFoundException) && !TemporalDispatcher.isTransient(e)) {
                    throw e;
                }
                failed = e;
            }
            if (options.retry().exhausted(attempt)) {
                throw new StoreException("the writer of " + write.stream() + " did not take the write after "
                        + attempt + " attempts", failed);
            }
            pause(options.retry().backoff(attempt));
        }
    }

    /**
     * An update to the writer's open run, the common case; when none is open, starts one (or finds
     * the one another process just started) and updates that. Not update-with-start: Temporal's
     * test server (1.38) answers a resent update-with-start that started its run with a
     * NullPointerException, and the client resends it whenever the update was not yet accepted
     * when the server answered, so under load such a write hung for up to a minute (199 of them in
     * 30 s of the service benchmark). Two calls instead of one only for a stream's first write of a run.
     */
    private long updateOrStart(FoldGroupId group, UpdateOptions<Long> update, StreamWrite write) {
        try {
            return updateOpenRun(group, update, write);
        } catch (WorkflowNotFoundException noOpenRun) {
            client.newUntypedWorkflowStub(FoldWorkflow.TYPE, TemporalDispatcher.workflowOptions(group, options)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                    .build()).start(FoldRun.fresh(group));
            return updateOpenRun(group, update, write);
        }
    }

    /** The group's open run, whichever it is now (no run id): a run that continued as new hands on to its successor. */
    private long updateOpenRun(FoldGroupId group, UpdateOptions<Long> update, StreamWrite write) {
        return client.newUntypedWorkflowStub(group.toString()).startUpdate(update, write).getResult();
    }

    private static ApplicationFailure reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure) {
                return failure;
            }
        }
        return null;
    }

    /**
     * The events are stored, so the command does not wait for the global folds' signals (one
     * workflow per key takes every process's events, and waiting for it would pace every command
     * by it); a failed dispatch is only logged: catch-up delivers them.
     */
    private void dispatchToGlobalFolds(List<Event> stored) {
        CompletableFuture<Void> dispatched;
        try {
            dispatched = globalFolds.dispatch(stored);
        } catch (RuntimeException e) {
            dispatched = CompletableFuture.failedFuture(e);
        }
        dispatched.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("{} stored events were not dispatched to the global folds ({}); catch-up will project them",
                        stored.size(), error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry a write");
        }
    }
}
