package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedMap;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.TargetResultRecorded;
import java.util.Optional;

/** Map {@code experiment_run_results}: one record per target or evaluator result. */
public final class ExperimentRunResultsMap implements TypedMap<ExperimentRunResult, ExperimentRunEvent> {
    public static final String NAME = "experiment_run_results";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<ExperimentRunEvent> events() {
        return ExperimentRunEvent.CODEC;
    }

    @Override
    public Optional<ExperimentRunResult> map(ExperimentRunEvent event, Event envelope) {
        if (event instanceof TargetResultRecorded e) {
            return Optional.of(new ExperimentRunResult(e.runId(), ExperimentRunResult.TARGET, e.row(), e.targetId(),
                    null, e.output(), e.cost(), e.durationMs(), e.error(), null, null, null, null));
        }
        if (event instanceof EvaluatorResultRecorded e) {
            return Optional.of(new ExperimentRunResult(e.runId(), ExperimentRunResult.EVALUATOR, e.row(), null,
                    e.evaluatorId(), null, e.cost(), null, null, e.score(), e.passed(), e.statusOrProcessed(), e.details()));
        }
        return Optional.empty();
    }
}
