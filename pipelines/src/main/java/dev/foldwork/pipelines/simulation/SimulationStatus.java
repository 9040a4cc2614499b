package dev.foldwork.pipelines.simulation;

/**
 * Where a simulation run stands; how a finished run ended is its {@link SimulationOutcome}, and
 * deletion is a separate flag so a deleted run keeps its outcome.
 */
public enum SimulationStatus {
    NOT_STARTED, QUEUED, RUNNING, FINISHED
}
