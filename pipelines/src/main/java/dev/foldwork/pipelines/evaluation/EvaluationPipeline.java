package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.pipeline.Pipeline;
import java.util.List;

/** Pipeline {@code evaluation}: one evaluation of a trace or output, as a state machine. */
public final class EvaluationPipeline {
    public static final String NAME = "evaluation";
    public static final EvaluationRunFold RUN = new EvaluationRunFold();

    private EvaluationPipeline() {}

    public static Pipeline build() {
        Pipeline.Builder builder = Pipeline.named(NAME)
                .command(ScheduleEvaluationCommand.TYPE, new ScheduleEvaluationCommand());
        for (EvaluationTransitionCommand transition : List.of(EvaluationTransitionCommand.START,
                EvaluationTransitionCommand.COMPLETE, EvaluationTransitionCommand.SKIP, EvaluationTransitionCommand.FAIL)) {
            builder.command(transition.type(), transition);
        }
        return builder.fold(RUN).build();
    }
}
