package dev.foldwork.pipelines.simulation;

import java.util.List;

/** State of the {@code simulation_run_state} fold. Times are the stamps of the events that set them. */
public record SimulationRunState(
        String runId,
        String scenarioId,
        String scenarioSetId,
        String batchRunId,
        SimulationStatus status,
        boolean deleted,
        long snapshots,
        long messageCount,
        MessageRole lastMessageRole,
        String lastMessagePreview,
        SimulationVerdict verdict,
        String reasoning,
        List<String> metCriteria,
        List<String> unmetCriteria,
        long startedAt,
        long finishedAt,
        long deletedAt) {

    public static SimulationRunState notStarted() {
        return new SimulationRunState(null, null, null, null, SimulationStatus.NOT_STARTED, false, 0, 0, null, null,
                null, null, List.of(), List.of(), 0, 0, 0);
    }
}
