package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedFold;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Scheduled;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Started;

/**
 * Fold {@code evaluation_run}: the evaluation's status, identity and result. Facts may arrive
 * late or out of order, and the fold reconciles them as LangWatch's {@code evaluationRun} does:
 * a schedule or start only moves the status forward from an earlier one (so a late start never
 * reopens a finished evaluation, and a late schedule only fills in the evaluator), and the last
 * result stored is the evaluation's result, whatever came before it.
 */
public final class EvaluationRunFold implements TypedFold<EvaluationRun, EvaluationEvent> {
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
    public EventCodec<EvaluationEvent> events() {
        return EvaluationEvent.CODEC;
    }

    @Override
    public EvaluationRun apply(EvaluationRun s, EvaluationEvent event, Event envelope) {
        long at = envelope.timestamp();
        if (event instanceof Scheduled e) {
            EvaluationStatus status = s.status() == EvaluationStatus.UNSCHEDULED ? EvaluationStatus.SCHEDULED : s.status();
            return s.withEvaluationId(e.evaluationId())
                    .withEvaluatorId(e.evaluatorId())
                    .withEvaluatorType(e.evaluatorType())
                    .withEvaluatorName(e.evaluatorName())
                    .withTraceId(e.traceId())
                    .withGuardrail(e.guardrail())
                    .withStatus(status)
                    .withScheduledAt(at);
        }
        if (event instanceof Started e) {
            return s.withEvaluationId(orElse(s.evaluationId(), e.evaluationId()))
                    .withStatus(s.finished() ? s.status() : EvaluationStatus.IN_PROGRESS)
                    .withStartedAt(s.startedAt() == 0 ? at : s.startedAt());
        }
        if (event instanceof Completed e) {
            return result(s, e.evaluationId(), EvaluationStatus.PROCESSED, at)
                    .withScore(e.score())
                    .withPassed(e.passed())
                    .withLabel(e.label())
                    .withDetails(e.details())
                    .withCost(e.cost())
                    .withDurationMs(e.durationMs());
        }
        if (event instanceof Skipped e) {
            return result(s, e.evaluationId(), EvaluationStatus.SKIPPED, at).withSkipReason(e.reason());
        }
        if (event instanceof Failed e) {
            return result(s, e.evaluationId(), EvaluationStatus.ERROR, at)
                    .withError(e.error())
                    .withCost(e.cost())
                    .withDurationMs(e.durationMs());
        }
        throw new IllegalArgumentException(NAME + " has no case for " + event.getClass().getSimpleName());
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
