package dev.foldwork.pipelines.simulation;

import dev.foldwork.pipelines.simulation.SimulationEvent.Message;
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

    // Copies with one field changed, so a fold changes fields by name and never shifts one by position.
    public SimulationRunState withRunId(String runId) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withScenarioId(String scenarioId) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withScenarioSetId(String scenarioSetId) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withBatchRunId(String batchRunId) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withName(String name) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withStatus(SimulationStatus status) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withOutcome(SimulationOutcome outcome) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withDeleted(boolean deleted) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withSnapshots(long snapshots) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withMessageCount(long messageCount) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withLastMessageRole(MessageRole lastMessageRole) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withLastMessagePreview(String lastMessagePreview) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withMessages(List<Message> messages) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withVerdict(SimulationVerdict verdict) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withReasoning(String reasoning) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withMetCriteria(List<String> metCriteria) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withUnmetCriteria(List<String> unmetCriteria) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withError(String error) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withDurationMs(Long durationMs) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withTotalCost(double totalCost) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withRoleCosts(SortedMap<String, Double> roleCosts) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withQueuedAt(long queuedAt) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withStartedAt(long startedAt) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withFinishedAt(long finishedAt) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }

    public SimulationRunState withDeletedAt(long deletedAt) {
        return new SimulationRunState(runId, scenarioId, scenarioSetId, batchRunId, name, status, outcome, deleted,
                snapshots, messageCount, lastMessageRole, lastMessagePreview, messages, verdict, reasoning,
                metCriteria, unmetCriteria, error, durationMs, totalCost, roleCosts, queuedAt, startedAt, finishedAt,
                deletedAt);
    }
}
