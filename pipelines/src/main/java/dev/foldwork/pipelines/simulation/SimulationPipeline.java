package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.pipeline.Pipeline;

/** Pipeline {@code simulation}: one simulated conversation of a scenario, judged at the end. */
public final class SimulationPipeline {
    public static final String NAME = "simulation";
    public static final String AGGREGATE_TYPE = "simulation_run";
    public static final SimulationRunStateFold STATE = new SimulationRunStateFold();
    public static final SimulationRunMetricsMap METRICS = new SimulationRunMetricsMap();

    private SimulationPipeline() {}

    public static Pipeline build() {
        return Pipeline.named(NAME)
                .aggregateType(AGGREGATE_TYPE)
                .command(SimulationCommands.QUEUE, SimulationCommands::queue)
                .command(SimulationCommands.START, SimulationCommands::start)
                .command(SimulationCommands.RECORD_MESSAGE_SNAPSHOT, SimulationCommands::recordMessageSnapshot)
                .command(SimulationCommands.FINISH, SimulationCommands::finish)
                .command(SimulationCommands.CANCEL, SimulationCommands::cancel)
                .command(SimulationCommands.RECORD_COSTS, SimulationCommands::recordCosts)
                .command(SimulationCommands.DELETE, SimulationCommands::delete)
                .fold(STATE)
                .map(METRICS)
                .build();
    }
}
