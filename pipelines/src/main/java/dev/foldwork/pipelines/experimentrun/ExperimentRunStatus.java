package dev.foldwork.pipelines.experimentrun;

/** Where an experiment run stands. */
public enum ExperimentRunStatus {
    NOT_STARTED, RUNNING, COMPLETED
}
