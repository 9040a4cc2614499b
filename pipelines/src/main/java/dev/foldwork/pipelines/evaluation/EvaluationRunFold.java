package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Scheduled;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Started;

/**
 * Fold {@code evaluation_run}: the evaluation's status, identity and result. Facts may arrive
 * late or out of order, and the fold reconciles them as LangWatch's {@code evaluationRun} does:
 * a schedule or start only moves the status forward from an earlier one (so a late start never
 * reopens a finished evaluation, and a late schedule only fills in the evaluator), and the last
 * result stored is the evaluation's result, whatever came before it.
 */
public final class EvaluationRunFold implements FoldProjection<EvaluationRun> {
    public static final String NAME = "evaluation_run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<EvaluationRun> stateType() {
        return EvaluationRun.class;
    }

    @Override
    public EvaluationRun init() {
        return EvaluationRun.unscheduled();
    }

    @Override
    public EvaluationRun apply(EvaluationRun s, Event event) {
        long at = event.timestamp();
        return switch (event.type()) {
            case Scheduled.TYPE -> {
                Scheduled e = Json.fromNode(event.data(), Scheduled.class);
                EvaluationStatus status = s.status() == EvaluationStatus.UNSCHEDULED ? EvaluationStatus.SCHEDULED : s.status();
                yield new EvaluationRun(e.evaluationId(), e.evaluatorId(), e.evaluatorType(), e.evaluatorName(),
                        e.traceId(), e.guardrail(), status, s.score(), s.passed(), s.label(), s.details(), s.skipReason(),
                        s.error(), s.cost(), s.durationMs(), at, s.startedAt(), s.finishedAt());
            }
            case Started.TYPE -> {
                String id = Json.fromNode(event.data(), Started.class).evaluationId();
                EvaluationStatus status = s.finished() ? s.status() : EvaluationStatus.IN_PROGRESS;
                yield new EvaluationRun(orElse(s.evaluationId(), id), s.evaluatorId(), s.evaluatorType(), s.evaluatorName(),
                        s.traceId(), s.guardrail(), status, s.score(), s.passed(), s.label(), s.details(), s.skipReason(),
                        s.error(), s.cost(), s.durationMs(), s.scheduledAt(), s.startedAt() == 0 ? at : s.startedAt(),
                        s.finishedAt());
            }
            case Completed.TYPE -> {
                Completed e = Json.fromNode(event.data(), Completed.class);
                yield result(s, e.evaluationId(), EvaluationStatus.PROCESSED, e.score(), e.passed(), e.label(), e.details(),
                        null, null, e.cost(), e.durationMs(), at);
            }
            case Skipped.TYPE -> {
                Skipped e = Json.fromNode(event.data(), Skipped.class);
                yield result(s, e.evaluationId(), EvaluationStatus.SKIPPED, null, null, null, null, e.reason(), null,
                        null, null, at);
            }
            case Failed.TYPE -> {
                Failed e = Json.fromNode(event.data(), Failed.class);
                yield result(s, e.evaluationId(), EvaluationStatus.ERROR, null, null, null, null, null, e.error(),
                        e.cost(), e.durationMs(), at);
            }
            default -> s;
        };
    }

    /** The result replaces any earlier one whole, so the state never blends two results. */
    private static EvaluationRun result(EvaluationRun s, String evaluationId, EvaluationStatus status, Double score,
                                        Boolean passed, String label, String details, String skipReason, String error,
                                        Double cost, Long durationMs, long at) {
        return new EvaluationRun(orElse(s.evaluationId(), evaluationId), s.evaluatorId(), s.evaluatorType(),
                s.evaluatorName(), s.traceId(), s.guardrail(), status, score, passed, label, details, skipReason, error,
                cost, durationMs, s.scheduledAt(), s.startedAt(), at);
    }

    private static String orElse(String known, String fromEvent) {
        return known != null ? known : fromEvent;
    }
}
