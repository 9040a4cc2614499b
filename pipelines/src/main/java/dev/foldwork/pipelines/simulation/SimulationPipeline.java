package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.pipeline.Pipeline;

/**
 * Pipeline {@code simulation}: one simulated conversation of a scenario, judged at the end.
 * Scenario runners report from several processes, so a valid fact is stored whenever it arrives
 * and the {@code simulation_run_state} fold reconciles them; a run queues once and starts once,
 * and a deleted run takes no further command.
 */
public final class SimulationPipeline {
    public static final String NAME = "simulation";
    public static final String AGGREGATE_TYPE = "simulation_run";
    public static final SimulationRunStateFold STATE = new SimulationRunStateFold();
    public static final SimulationRunMetricsMap METRICS = new SimulationRunMetricsMap();

    private SimulationPipeline() {}

    public static Pipeline build() {
        return Pipeline.named(NAME)
                .aggregateType(AGGREGATE_TYPE)
                .command(QueueSimulationCommand.TYPE, new QueueSimulationCommand())
                .command(StartSimulationCommand.TYPE, new StartSimulationCommand())
                .command(RecordMessageSnapshotCommand.TYPE, new RecordMessageSnapshotCommand())
                .command(FinishSimulationCommand.TYPE, new FinishSimulationCommand())
                .command(CancelSimulationCommand.TYPE, new CancelSimulationCommand())
                .command(RecordCostsCommand.TYPE, new RecordCostsCommand())
                .command(DeleteSimulationCommand.TYPE, new DeleteSimulationCommand())
                .fold(STATE)
                .map(METRICS)
                .build();
    }
}
