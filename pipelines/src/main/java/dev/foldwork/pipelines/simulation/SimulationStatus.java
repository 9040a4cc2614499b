package dev.foldwork.pipelines.simulation;

/** Where a simulation run stands; deletion is a separate flag so a deleted run keeps its outcome. */
public enum SimulationStatus {
    NOT_STARTED, RUNNING, FINISHED
}
