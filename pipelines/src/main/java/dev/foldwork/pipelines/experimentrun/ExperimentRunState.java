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
}
