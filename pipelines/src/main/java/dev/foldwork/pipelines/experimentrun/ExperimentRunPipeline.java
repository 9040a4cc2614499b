package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.pipeline.Pipeline;

/**
 * Pipeline {@code experiment_run}: one run of an experiment over a dataset, targets and
 * evaluators. SDKs send from parallel workers, so a valid fact is stored whenever it arrives
 * (results after the completion, a second completion or stop, a completion before the start)
 * and the {@code experiment_run_state} fold reconciles them.
 */
public final class ExperimentRunPipeline {
    public static final String NAME = "experiment_run";
    public static final ExperimentRunStateFold STATE = new ExperimentRunStateFold();
    public static final ExperimentRunResultsMap RESULTS = new ExperimentRunResultsMap();

    private ExperimentRunPipeline() {}

    public static Pipeline build() {
        return Pipeline.named(NAME)
                .command(StartExperimentRunCommand.TYPE, new StartExperimentRunCommand())
                .command(RecordTargetResultCommand.TYPE, new RecordTargetResultCommand())
                .command(RecordEvaluatorResultCommand.TYPE, new RecordEvaluatorResultCommand())
                .command(CompleteExperimentRunCommand.TYPE, new CompleteExperimentRunCommand())
                .command(StopExperimentRunCommand.TYPE, new StopExperimentRunCommand())
                .fold(STATE)
                .map(RESULTS)
                .build();
    }
}
