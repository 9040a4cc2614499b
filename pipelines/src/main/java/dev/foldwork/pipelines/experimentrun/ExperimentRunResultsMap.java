package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.TargetResultRecorded;
import java.util.Optional;

/** Map {@code experiment_run_results}: one record per target or evaluator result. */
public final class ExperimentRunResultsMap implements MapProjection<ExperimentRunResult> {
    public static final String NAME = "experiment_run_results";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<ExperimentRunResult> map(Event event) {
        return switch (event.type()) {
            case TargetResultRecorded.TYPE -> {
                TargetResultRecorded e = Json.fromNode(event.data(), TargetResultRecorded.class);
                yield Optional.of(new ExperimentRunResult(e.runId(), ExperimentRunResult.TARGET, e.row(), e.targetId(),
                        null, e.output(), e.cost(), e.durationMs(), e.error(), null, null, null, null));
            }
            case EvaluatorResultRecorded.TYPE -> {
                EvaluatorResultRecorded e = Json.fromNode(event.data(), EvaluatorResultRecorded.class);
                yield Optional.of(new ExperimentRunResult(e.runId(), ExperimentRunResult.EVALUATOR, e.row(), null,
                        e.evaluatorId(), null, e.cost(), null, null, e.score(), e.passed(), e.statusOrProcessed(), e.details()));
            }
            default -> Optional.empty();
        };
    }
}
