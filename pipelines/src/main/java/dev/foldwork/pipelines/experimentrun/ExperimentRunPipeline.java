package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.pipeline.Pipeline;

/** Pipeline {@code experiment_run}: one run of an experiment over a dataset, targets and evaluators. */
public final class ExperimentRunPipeline {
    public static final String NAME = "experiment_run";
    public static final ExperimentRunStateFold STATE = new ExperimentRunStateFold();
    public static final ExperimentRunResultsMap RESULTS = new ExperimentRunResultsMap();

    private ExperimentRunPipeline() {}

    public static Pipeline build() {
        return Pipeline.named(NAME)
                .command(ExperimentRunCommands.START, ExperimentRunCommands::start)
                .command(ExperimentRunCommands.RECORD_TARGET_RESULT, ExperimentRunCommands::recordTargetResult)
                .command(ExperimentRunCommands.RECORD_EVALUATOR_RESULT, ExperimentRunCommands::recordEvaluatorResult)
                .command(ExperimentRunCommands.COMPLETE, ExperimentRunCommands::complete)
                .command(ExperimentRunCommands.STOP, ExperimentRunCommands::stop)
                .fold(STATE)
                .map(RESULTS)
                .build();
    }
}
