package dev.foldwork.pipelines.experimentrun;

/** Where an experiment run stands; completed and stopped are both ends, the last one stored wins. */
public enum ExperimentRunStatus {
    NOT_STARTED, RUNNING, COMPLETED, STOPPED
}
