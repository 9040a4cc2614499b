package dev.foldwork.pipelines.simulation;

/** One row of {@code simulation_run_metrics}: the shape of a snapshot, or the outcome of a finished run. */
public record SimulationRunMetric(
        String runId,
        String kind,
        int messages,
        int userMessages,
        int assistantMessages,
        long characters,
        SimulationVerdict verdict,
        int metCriteria,
        int unmetCriteria) {

    public static final String SNAPSHOT = "snapshot";
    public static final String FINISHED = "finished";
}
