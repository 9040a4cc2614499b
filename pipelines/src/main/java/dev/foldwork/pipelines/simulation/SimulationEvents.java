package dev.foldwork.pipelines.simulation;

import java.util.List;

/** The events of a simulation run, all at schema version {@value #VERSION}. */
public final class SimulationEvents {
    public static final int VERSION = 1;

    private SimulationEvents() {}

    public record Started(String runId, String scenarioId, String scenarioSetId, String batchRunId,
                          String sdkName, String sdkVersion) {
        public static final String TYPE = "SimulationRunStarted";
    }

    /** The whole conversation so far; each snapshot replaces the one before. */
    public record MessageSnapshotRecorded(String runId, List<Message> messages) {
        public static final String TYPE = "SimulationMessageSnapshotRecorded";
    }

    public record Finished(String runId, SimulationVerdict verdict, String reasoning, List<String> metCriteria,
                           List<String> unmetCriteria) {
        public static final String TYPE = "SimulationRunFinished";
    }

    public record Deleted(String runId) {
        public static final String TYPE = "SimulationRunDeleted";
    }

    public record Message(MessageRole role, String content) {}
}
