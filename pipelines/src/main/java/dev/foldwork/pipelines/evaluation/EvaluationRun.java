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

    // Copies with one field changed, so a fold changes fields by name and never shifts one by position.
    public EvaluationRun withEvaluationId(String evaluationId) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withEvaluatorId(String evaluatorId) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withEvaluatorType(String evaluatorType) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withEvaluatorName(String evaluatorName) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withTraceId(String traceId) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withGuardrail(boolean guardrail) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withStatus(EvaluationStatus status) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withScore(Double score) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withPassed(Boolean passed) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withLabel(String label) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withDetails(String details) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withSkipReason(String skipReason) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withError(String error) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withCost(Double cost) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withDurationMs(Long durationMs) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withScheduledAt(long scheduledAt) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withStartedAt(long startedAt) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }

    public EvaluationRun withFinishedAt(long finishedAt) {
        return new EvaluationRun(evaluationId, evaluatorId, evaluatorType, evaluatorName, traceId, guardrail, status,
                score, passed, label, details, skipReason, error, cost, durationMs, scheduledAt, startedAt,
                finishedAt);
    }
}
