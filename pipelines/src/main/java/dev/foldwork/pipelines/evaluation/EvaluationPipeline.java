package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.pipeline.Pipeline;

/**
 * Pipeline {@code evaluation}: one evaluation of a trace or output, as a state machine. Workers
 * report from queues that retry and reorder, so each valid fact is stored whenever it arrives
 * and the {@code evaluation_run} fold reconciles them; only a second start is refused.
 */
public final class EvaluationPipeline {
    public static final String NAME = "evaluation";
    public static final EvaluationRunFold RUN = new EvaluationRunFold();

    private EvaluationPipeline() {}

    public static Pipeline build() {
        return Pipeline.named(NAME)
                .command(ScheduleEvaluationCommand.TYPE, new ScheduleEvaluationCommand())
                .command(StartEvaluationCommand.TYPE, new StartEvaluationCommand())
                .command(CompleteEvaluationCommand.TYPE, new CompleteEvaluationCommand())
                .command(SkipEvaluationCommand.TYPE, new SkipEvaluationCommand())
                .command(FailEvaluationCommand.TYPE, new FailEvaluationCommand())
                .fold(RUN)
                .build();
    }
}
