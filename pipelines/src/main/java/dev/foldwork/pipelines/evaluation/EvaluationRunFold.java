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
 * Fold {@code evaluation_run}: the evaluation state machine. Commands refuse impossible
 * transitions; the fold applies whatever was stored, because stored events are the truth.
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
                yield new EvaluationRun(e.evaluationId(), e.evaluatorId(), e.traceId(), EvaluationStatus.SCHEDULED,
                        null, null, null, null, null, null, at, 0, 0);
            }
            case Started.TYPE -> new EvaluationRun(s.evaluationId(), s.evaluatorId(), s.traceId(), EvaluationStatus.IN_PROGRESS,
                    s.score(), s.passed(), s.label(), s.details(), s.skipReason(), s.error(), s.scheduledAt(), at, 0);
            case Completed.TYPE -> {
                Completed e = Json.fromNode(event.data(), Completed.class);
                yield new EvaluationRun(s.evaluationId(), s.evaluatorId(), s.traceId(), EvaluationStatus.PROCESSED,
                        e.score(), e.passed(), e.label(), e.details(), null, null, s.scheduledAt(), s.startedAt(), at);
            }
            case Skipped.TYPE -> {
                Skipped e = Json.fromNode(event.data(), Skipped.class);
                yield new EvaluationRun(s.evaluationId(), s.evaluatorId(), s.traceId(), EvaluationStatus.SKIPPED,
                        null, null, null, null, e.reason(), null, s.scheduledAt(), s.startedAt(), at);
            }
            case Failed.TYPE -> {
                Failed e = Json.fromNode(event.data(), Failed.class);
                yield new EvaluationRun(s.evaluationId(), s.evaluatorId(), s.traceId(), EvaluationStatus.ERROR,
                        null, null, null, null, null, e.error(), s.scheduledAt(), s.startedAt(), at);
            }
            default -> s;
        };
    }
}
