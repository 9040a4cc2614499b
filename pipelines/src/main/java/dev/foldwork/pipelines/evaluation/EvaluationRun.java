package dev.foldwork.pipelines.evaluation;

/**
 * State of the {@code evaluation_run} fold. Times are the stamps of the events that set them;
 * {@code cost} and {@code durationMs} are what the evaluator reported with its result (null when
 * it reported none), so a replay in any mode gives the same values.
 */
public record EvaluationRun(
        String evaluationId,
        String evaluatorId,
        String evaluatorType,
        String evaluatorName,
        String traceId,
        boolean guardrail,
        EvaluationStatus status,
        Double score,
        Boolean passed,
        String label,
        String details,
        String skipReason,
        String error,
        Double cost,
        Long durationMs,
        long scheduledAt,
        long startedAt,
        long finishedAt) {

    public static EvaluationRun unscheduled() {
        return new EvaluationRun(null, null, null, null, null, false, EvaluationStatus.UNSCHEDULED,
                null, null, null, null, null, null, null, null, 0, 0, 0);
    }

    /** Whether the evaluation has reached processed, skipped or error. */
    public boolean finished() {
        return status == EvaluationStatus.PROCESSED || status == EvaluationStatus.SKIPPED || status == EvaluationStatus.ERROR;
    }
}
