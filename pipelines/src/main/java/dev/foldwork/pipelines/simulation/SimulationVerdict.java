package dev.foldwork.pipelines.simulation;

/** The judge's verdict on a simulated conversation. */
public enum SimulationVerdict {
    SUCCESS, FAILURE, INCONCLUSIVE
}
