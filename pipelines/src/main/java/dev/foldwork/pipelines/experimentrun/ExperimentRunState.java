package dev.foldwork.pipelines.experimentrun;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code experiment_run_state} fold: progress is target results over rows times
 * targets; the total cost is what targets and evaluators reported. Times are the stamps of the
 * events that set them. The per-target and per-evaluator maps hold at most
 * {@link ExperimentRunStateFold#MAX_KEYS} entries each.
 */
public record ExperimentRunState(
        String runId,
        String experimentId,
        ExperimentRunStatus status,
        int totalRows,
        List<String> targets,
        List<String> evaluators,
        long expectedTargetResults,
        long targetResults,
        long evaluatorResults,
        double progress,
        long errorCount,
        double totalCost,
        long totalDurationMs,
        SortedMap<String, TargetStats> targetStats,
        SortedMap<String, EvaluatorStats> evaluatorStats,
        long startedAt,
        long finishedAt,
        long stoppedAt) {

    public static ExperimentRunState notStarted() {
        return new ExperimentRunState(null, null, ExperimentRunStatus.NOT_STARTED, 0, List.of(), List.of(),
                0, 0, 0, 0, 0, 0, 0, new TreeMap<>(), new TreeMap<>(), 0, 0, 0);
    }

    /** Whether the run's start was stored; a run may be completed before its start arrives. */
    public boolean wasStarted() {
        return experimentId != null;
    }

    // Copies with one field changed, so a fold changes fields by name and never shifts one by position.
    public ExperimentRunState withRunId(String runId) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withExperimentId(String experimentId) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withStatus(ExperimentRunStatus status) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTotalRows(int totalRows) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTargets(List<String> targets) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withEvaluators(List<String> evaluators) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withExpectedTargetResults(long expectedTargetResults) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTargetResults(long targetResults) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withEvaluatorResults(long evaluatorResults) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withProgress(double progress) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withErrorCount(long errorCount) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTotalCost(double totalCost) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTotalDurationMs(long totalDurationMs) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withTargetStats(SortedMap<String, TargetStats> targetStats) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withEvaluatorStats(SortedMap<String, EvaluatorStats> evaluatorStats) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withStartedAt(long startedAt) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withFinishedAt(long finishedAt) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }

    public ExperimentRunState withStoppedAt(long stoppedAt) {
        return new ExperimentRunState(runId, experimentId, status, totalRows, targets, evaluators,
                expectedTargetResults, targetResults, evaluatorResults, progress, errorCount, totalCost,
                totalDurationMs, targetStats, evaluatorStats, startedAt, finishedAt, stoppedAt);
    }
}
