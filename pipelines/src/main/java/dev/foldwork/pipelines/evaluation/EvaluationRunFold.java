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
                yield s.withEvaluationId(e.evaluationId())
                        .withEvaluatorId(e.evaluatorId())
                        .withEvaluatorType(e.evaluatorType())
                        .withEvaluatorName(e.evaluatorName())
                        .withTraceId(e.traceId())
                        .withGuardrail(e.guardrail())
                        .withStatus(status)
                        .withScheduledAt(at);
            }
            case Started.TYPE -> {
                String id = Json.fromNode(event.data(), Started.class).evaluationId();
                yield s.withEvaluationId(orElse(s.evaluationId(), id))
                        .withStatus(s.finished() ? s.status() : EvaluationStatus.IN_PROGRESS)
                        .withStartedAt(s.startedAt() == 0 ? at : s.startedAt());
            }
            case Completed.TYPE -> {
                Completed e = Json.fromNode(event.data(), Completed.class);
                yield result(s, e.evaluationId(), EvaluationStatus.PROCESSED, at)
                        .withScore(e.score())
                        .withPassed(e.passed())
                        .withLabel(e.label())
                        .withDetails(e.details())
                        .withCost(e.cost())
                        .withDurationMs(e.durationMs());
            }
            case Skipped.TYPE -> {
                Skipped e = Json.fromNode(event.data(), Skipped.class);
                yield result(s, e.evaluationId(), EvaluationStatus.SKIPPED, at).withSkipReason(e.reason());
            }
            case Failed.TYPE -> {
                Failed e = Json.fromNode(event.data(), Failed.class);
                yield result(s, e.evaluationId(), EvaluationStatus.ERROR, at)
                        .withError(e.error())
                        .withCost(e.cost())
                        .withDurationMs(e.durationMs());
            }
            default -> s;
        };
    }

    /**
     * A result replaces any earlier one whole, so the state never blends two results: this clears
     * every result field, and the caller sets those its result has.
     */
    private static EvaluationRun result(EvaluationRun s, String evaluationId, EvaluationStatus status, long at) {
        return s.withEvaluationId(orElse(s.evaluationId(), evaluationId))
                .withStatus(status)
                .withScore(null)
                .withPassed(null)
                .withLabel(null)
                .withDetails(null)
                .withSkipReason(null)
                .withError(null)
                .withCost(null)
                .withDurationMs(null)
                .withFinishedAt(at);
    }

    private static String orElse(String known, String fromEvent) {
        return known != null ? known : fromEvent;
    }
}
