package dev.foldwork.workflows;

import dev.foldwork.activities.FoldActivityPolicies;
import java.time.Duration;

/**
 * Limits of one fold workflow run. The defaults stay well inside what a Temporal server allows
 * (51,200 history events, 50 MB, 10,000 signals per run), because the test server enforces none.
 *
 * @param idleTimeout       a run with nothing to do for this long completes; the next event starts a new one
 * @param maxBatch          events applied and persisted together at most
 * @param maxEventsPerRun   continue as new after applying this many events
 * @param maxHistoryLength  continue as new at this many history events (Temporal suggests 4,096)
 * @param maxHistoryBytes   continue as new at this history size (Temporal suggests 4 MB)
 * @param maxSignalsPerRun  continue as new after this many signals (Temporal fails a run at 10,000)
 * @param maxCarried        events handed to the next run at most; beyond it (or maxCarriedBytes) the
 *                          next run gets the queue's head and each stream's last event, and reads
 *                          the rest from the event store
 * @param maxCarriedBytes   estimated bytes of those events at most (the next run's input is one payload)
 * @param parkedSearchAttributes  mark parked runs with {@code FoldParked} and {@code FoldParkedReason}
 *                          (they must be registered on the server, see {@link SearchAttributeRegistration})
 */
public record FoldWorkflowOptions(
        Duration idleTimeout,
        int maxBatch,
        long maxEventsPerRun,
        long maxHistoryLength,
        long maxHistoryBytes,
        int maxSignalsPerRun,
        int maxCarried,
        long maxCarriedBytes,
        FoldActivityPolicies activities,
        boolean parkedSearchAttributes) {

    public FoldWorkflowOptions {
        positive("maxBatch", maxBatch);
        positive("maxEventsPerRun", maxEventsPerRun);
        positive("maxHistoryLength", maxHistoryLength);
        positive("maxHistoryBytes", maxHistoryBytes);
        positive("maxSignalsPerRun", maxSignalsPerRun);
        positive("maxCarried", maxCarried);
        positive("maxCarriedBytes", maxCarriedBytes);
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
    }

    public static FoldWorkflowOptions defaults() {
        return new FoldWorkflowOptions(Duration.ofMinutes(5), 500, 20_000, 4_000, 4L << 20, 2_000, 2_000, 384L << 10,
                FoldActivityPolicies.defaults(), true);
    }

    public FoldWorkflowOptions withIdleTimeout(Duration idle) {
        return new FoldWorkflowOptions(idle, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes);
    }

    public FoldWorkflowOptions withMaxBatch(int batch) {
        return new FoldWorkflowOptions(idleTimeout, batch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes);
    }

    public FoldWorkflowOptions withMaxEventsPerRun(long events) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, events, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes);
    }

    public FoldWorkflowOptions withMaxHistoryLength(long events) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, events, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes);
    }

    public FoldWorkflowOptions withActivities(FoldActivityPolicies policies) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, policies, parkedSearchAttributes);
    }

    /** Without the parked search attributes, for a server where they cannot be registered. */
    public FoldWorkflowOptions withoutParkedSearchAttributes() {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, false);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
