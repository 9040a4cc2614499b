package dev.foldwork.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.foldwork.activities.FoldActivityPolicies;
import java.time.Duration;

/**
 * Limits of one fold workflow run. The defaults stay well inside what a Temporal server allows
 * (51,200 history events, 50 MB, 10,000 signals per run, 2 MB per payload, 2,000 pending
 * activities), because the test server enforces none; they are also inside this project's
 * tighter budgets (10,000 events and 10 MB per run, 512 KB per activity input and continue-as-new
 * input, 500 pending activities, 5,000 signals), which the tests measure every run against.
 *
 * @param idleTimeout       a run with nothing to do for this long completes; the next event starts a new one
 * @param maxBatch          events applied and persisted together at most
 * @param maxEventsPerRun   continue as new after applying this many events
 * @param maxHistoryLength  continue as new at this many history events (Temporal suggests 4,096)
 * @param maxHistoryBytes   continue as new at this history size (Temporal suggests 4 MB)
 * @param maxSignalsPerRun  continue as new after this many signals (Temporal fails a run at 10,000)
 * @param maxCarried        events a group without folds hands to the next run at most (it applies
 *                          batches until its queue fits); a group with folds hands on the stream
 *                          ranges of its queue, which the next run reads from the event store
 * @param maxCarriedBytes   estimated bytes of the next run's input at most (one payload): the carried
 *                          events or ranges and the debounced reactions
 * @param activities        timeouts and retries of the activities
 * @param parkedSearchAttributes  mark parked runs with {@code FoldParked} and {@code FoldParkedReason}
 *                          (they must be registered on the server, see {@code worker.SearchAttributeRegistration})
 * @param maxPendingActivities   map and reactor activities a run keeps pending at most; more wait for room
 * @param maxActivityInputBytes  estimated bytes of events a map activity carries at most; a larger
 *                          batch is passed as stream ranges the activity reads from the event store
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
        boolean parkedSearchAttributes,
        int maxPendingActivities,
        long maxActivityInputBytes) {
    static final int DEFAULT_MAX_PENDING_ACTIVITIES = 400;
    static final long DEFAULT_MAX_ACTIVITY_INPUT_BYTES = 256L << 10;

    public FoldWorkflowOptions {
        positive("maxBatch", maxBatch);
        positive("maxEventsPerRun", maxEventsPerRun);
        positive("maxHistoryLength", maxHistoryLength);
        positive("maxHistoryBytes", maxHistoryBytes);
        positive("maxSignalsPerRun", maxSignalsPerRun);
        positive("maxCarried", maxCarried);
        positive("maxCarriedBytes", maxCarriedBytes);
        positive("maxPendingActivities", maxPendingActivities);
        positive("maxActivityInputBytes", maxActivityInputBytes);
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
    }

    /**
     * Options as a run recorded them (a run records its options, see {@code fold.FoldWorkflowImpl}):
     * a field added after the run was recorded reads as its default, which is how the run behaved.
     */
    @JsonCreator
    static FoldWorkflowOptions recorded(@JsonProperty("idleTimeout") Duration idleTimeout,
                                        @JsonProperty("maxBatch") int maxBatch,
                                        @JsonProperty("maxEventsPerRun") long maxEventsPerRun,
                                        @JsonProperty("maxHistoryLength") long maxHistoryLength,
                                        @JsonProperty("maxHistoryBytes") long maxHistoryBytes,
                                        @JsonProperty("maxSignalsPerRun") int maxSignalsPerRun,
                                        @JsonProperty("maxCarried") int maxCarried,
                                        @JsonProperty("maxCarriedBytes") long maxCarriedBytes,
                                        @JsonProperty("activities") FoldActivityPolicies activities,
                                        @JsonProperty("parkedSearchAttributes") boolean parkedSearchAttributes,
                                        @JsonProperty("maxPendingActivities") Integer maxPendingActivities,
                                        @JsonProperty("maxActivityInputBytes") Long maxActivityInputBytes) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes,
                maxPendingActivities == null ? DEFAULT_MAX_PENDING_ACTIVITIES : maxPendingActivities,
                maxActivityInputBytes == null ? DEFAULT_MAX_ACTIVITY_INPUT_BYTES : maxActivityInputBytes);
    }

    public static FoldWorkflowOptions defaults() {
        return new FoldWorkflowOptions(Duration.ofMinutes(5), 500, 20_000, 4_000, 4L << 20, 2_000, 2_000, 384L << 10,
                FoldActivityPolicies.defaults(), true, DEFAULT_MAX_PENDING_ACTIVITIES, DEFAULT_MAX_ACTIVITY_INPUT_BYTES);
    }

    public FoldWorkflowOptions withIdleTimeout(Duration idle) {
        return new FoldWorkflowOptions(idle, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, maxPendingActivities,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withMaxBatch(int batch) {
        return new FoldWorkflowOptions(idleTimeout, batch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, maxPendingActivities,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withMaxEventsPerRun(long events) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, events, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, maxPendingActivities,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withMaxHistoryLength(long events) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, events, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, maxPendingActivities,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withActivities(FoldActivityPolicies policies) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, policies, parkedSearchAttributes, maxPendingActivities,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withMaxPendingActivities(int pending) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, pending,
                maxActivityInputBytes);
    }

    public FoldWorkflowOptions withMaxActivityInputBytes(long bytes) {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, parkedSearchAttributes, maxPendingActivities,
                bytes);
    }

    /** Without the parked search attributes, for a server where they cannot be registered. */
    public FoldWorkflowOptions withoutParkedSearchAttributes() {
        return new FoldWorkflowOptions(idleTimeout, maxBatch, maxEventsPerRun, maxHistoryLength, maxHistoryBytes,
                maxSignalsPerRun, maxCarried, maxCarriedBytes, activities, false, maxPendingActivities,
                maxActivityInputBytes);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
