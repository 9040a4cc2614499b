package dev.foldwork.starter.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.temporal.*}, used when {@code foldwork.dispatch=temporal}.
 *
 * @param target       the Temporal frontend, host:port
 * @param namespace    the namespace the fold workflows run in
 * @param taskQueue    the task queue of the fold workflows and their activities
 * @param embedded     start Temporal's test server inside this process, listening on
 *                     {@code target}'s port, so Temporal's own tools can attach; off unless set
 *                     (the service's application.yml sets it: its embedded default), since
 *                     nothing it holds survives the process, and it needs
 *                     {@code io.temporal:temporal-test-server} on the class path
 * @param embeddedBindAddress the one address the embedded server listens on; 127.0.0.1 unless an
 *                     operator opts in to another, since the test server has no credentials
 * @param batchWindow  how long a fold group's first event waits for more before its signal goes out
 * @param idleTimeout  how long a fold workflow waits for events before it completes
 * @param stickyScheduleToStart how long a fold workflow's next task waits on the worker that ran
 *                     its last one (which caches the workflow) before any worker may take it;
 *                     0 turns sticky execution off. Temporal's test server never hands a dead
 *                     worker's sticky tasks on, so set 0 when workers share a standalone test
 *                     server and may die; a real cluster needs no such setting.
 * @param maxHistoryLength a fold workflow continues as new at this many history events; a worker
 *                     without sticky execution replays a run's whole history on every task, so
 *                     shorter runs cost less there
 * @param deadlockDetection how long a workflow thread may run without yielding before the worker
 *                     fails its task as a potential deadlock (the task is retried); raise it on
 *                     machines so loaded that a replay can stall that long
 * @param maxPendingActivities map and reactor activities one fold workflow run keeps pending at
 *                     most (Temporal fails workflow tasks beyond 2,000); more wait for room
 * @param maxActivityInputBytes events a map activity carries at most (estimated bytes); a larger
 *                     batch goes as stream ranges the activity reads from the event store
 * @param workflowCacheSize fold workflows a worker keeps in memory between their tasks (each holds
 *                     a thread while cached); one evicted is replayed from its history at its next
 *                     task, so size it for the aggregates active at once. Not Temporal's 600: short
 *                     trace aggregates arrive by the thousand, and a cache smaller than the traces
 *                     receiving spans replays nearly every task
 * @param maxInlineBytes a signal whose events are larger than this (estimated bytes) carries
 *                     their stream ranges and the workflow reads them from the event store
 * @param workflowTaskPollers threads a worker polls workflow tasks with, shared between the task
 *                     queue and the worker's sticky queue. Not Temporal's 5: with 1,000 busy fold
 *                     workflows some sticky tasks waited over 30 s on the test server, and the
 *                     writes they held failed
 */
@ConfigurationProperties("foldwork.temporal")
public record TemporalProperties(
        @DefaultValue("127.0.0.1:7233") String target,
        @DefaultValue("default") String namespace,
        @DefaultValue("foldwork-folds") String taskQueue,
        @DefaultValue("false") boolean embedded,
        @DefaultValue("127.0.0.1") String embeddedBindAddress,
        @DefaultValue("5ms") Duration batchWindow,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("5s") Duration stickyScheduleToStart,
        @DefaultValue("4000") long maxHistoryLength,
        @DefaultValue("1s") Duration deadlockDetection,
        @DefaultValue("400") int maxPendingActivities,
        @DefaultValue("262144") long maxActivityInputBytes,
        @DefaultValue("65536") int maxInlineBytes,
        @DefaultValue("2000") int workflowCacheSize,
        @DefaultValue("16") int workflowTaskPollers) {

    public TemporalProperties {
        if (stickyScheduleToStart.isNegative()) {
            throw new IllegalArgumentException("foldwork.temporal.sticky-schedule-to-start must not be negative, was "
                    + stickyScheduleToStart);
        }
        if (workflowTaskPollers < 2) {
            throw new IllegalArgumentException("foldwork.temporal.workflow-task-pollers must be at least 2 (one for the task"
                    + " queue, one for the sticky queue), was " + workflowTaskPollers);
        }
        if (deadlockDetection.isNegative() || deadlockDetection.isZero()) {
            throw new IllegalArgumentException("foldwork.temporal.deadlock-detection must be positive, was " + deadlockDetection);
        }
    }

    public int port() {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("foldwork.temporal.target must be host:port, was \"" + target + "\"");
        }
        return Integer.parseInt(target.substring(colon + 1));
    }
}
