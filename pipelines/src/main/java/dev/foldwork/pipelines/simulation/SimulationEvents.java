package dev.foldwork.pipelines.simulation;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The events of a simulation run, all at schema version {@value #VERSION}. Fields added after the
 * first release ({@code name} on the start, {@code error} and {@code durationMs} on the finish)
 * are optional and read as null from events stored before them, which is what "not reported"
 * means; no field changed its meaning, so the version stays and no upcaster is needed.
 * {@code repeat} on a finish is true when the run already held a finish
 * ({@link dev.foldwork.pipelines.BillableFacts}): billing counts a judged run once.
 */
public final class SimulationEvents {
    public static final int VERSION = 1;
    /** The outcome billing counts once per run: the judge's finish (a cancel is free). */
    public static final Set<String> BILLED = Set.of(Finished.TYPE);

    private SimulationEvents() {}

    /** The run was scheduled; it may start much later, or be cancelled before it does. */
    public record Queued(String runId, String scenarioId, String scenarioSetId, String batchRunId, String name) {
        public static final String TYPE = "SimulationRunQueued";
    }

    public record Started(String runId, String scenarioId, String scenarioSetId, String batchRunId,
                          String sdkName, String sdkVersion, String name) {
        public static final String TYPE = "SimulationRunStarted";
    }

    /** The whole conversation so far; each snapshot replaces the one before. */
    public record MessageSnapshotRecorded(String runId, List<Message> messages) {
        public static final String TYPE = "SimulationMessageSnapshotRecorded";
    }

    /** The judge's verdict; {@code error} set means the run itself failed (outcome error). */
    public record Finished(String runId, SimulationVerdict verdict, String reasoning, List<String> metCriteria,
                           List<String> unmetCriteria, String error, Long durationMs, boolean repeat) {
        public static final String TYPE = "SimulationRunFinished";
    }

    /** The user stopped the run; this outranks any outcome the run reports. */
    public record Cancelled(String runId, String reason) {
        public static final String TYPE = "SimulationRunCancelled";
    }

    /** What the run cost, per role (user simulator, agent, judge); each measurement replaces the last. */
    public record CostsRecorded(String runId, SortedMap<String, Double> roleCosts) {
        public static final String TYPE = "SimulationRunCostsRecorded";
    }

    public record Deleted(String runId) {
        public static final String TYPE = "SimulationRunDeleted";
    }

    public record Message(MessageRole role, String content) {}
}
