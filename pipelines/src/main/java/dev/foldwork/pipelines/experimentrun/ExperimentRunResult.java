package dev.foldwork.pipelines.experimentrun;

/**
 * One row of {@code experiment_run_results}: a target's output or an evaluator's verdict on a row.
 * {@code status} is the evaluator result's processed, skipped or error (null for a target).
 */
public record ExperimentRunResult(
        String runId,
        String kind,
        int row,
        String targetId,
        String evaluatorId,
        String output,
        Double cost,
        Long durationMs,
        String error,
        Double score,
        Boolean passed,
        EvaluatorResultStatus status,
        String details) {

    public static final String TARGET = "target";
    public static final String EVALUATOR = "evaluator";
}
