package dev.foldwork.pipelines.evaluation;

/** State of the {@code evaluation_run} fold. Times are the stamps of the events that set them. */
public record EvaluationRun(
        String evaluationId,
        String evaluatorId,
        String traceId,
        EvaluationStatus status,
        Double score,
        Boolean passed,
        String label,
        String details,
        String skipReason,
        String error,
        long scheduledAt,
        long startedAt,
        long finishedAt) {

    public static EvaluationRun unscheduled() {
        return new EvaluationRun(null, null, null, EvaluationStatus.UNSCHEDULED, null, null, null, null, null, null, 0, 0, 0);
    }
}
