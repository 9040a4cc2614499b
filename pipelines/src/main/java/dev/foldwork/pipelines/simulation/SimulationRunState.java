package dev.foldwork.pipelines.simulation;

import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code simulation_run_state} fold. Times are the stamps of the events that set
 * them; {@code durationMs} is what the finish reported. {@code messages} is the latest
 * conversation, its last {@link SimulationRunStateFold#MAX_KEPT_MESSAGES} messages each cut to
 * {@link SimulationRunStateFold#MAX_KEPT_CONTENT} characters; {@code messageCount} counts them all.
 */
public record SimulationRunState(
        String runId,
        String scenarioId,
        String scenarioSetId,
        String batchRunId,
        String name,
        SimulationStatus status,
        SimulationOutcome outcome,
        boolean deleted,
        long snapshots,
        long messageCount,
        MessageRole lastMessageRole,
        String lastMessagePreview,
        List<Message> messages,
        SimulationVerdict verdict,
        String reasoning,
        List<String> metCriteria,
        List<String> unmetCriteria,
        String error,
        Long durationMs,
        double totalCost,
        SortedMap<String, Double> roleCosts,
        long queuedAt,
        long startedAt,
        long finishedAt,
        long deletedAt) {

    public static SimulationRunState notStarted() {
        return new SimulationRunState(null, null, null, null, null, SimulationStatus.NOT_STARTED, null, false, 0, 0,
                null, null, List.of(), null, null, List.of(), List.of(), null, null, 0, new TreeMap<>(), 0, 0, 0, 0);
    }
}
