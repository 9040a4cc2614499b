package dev.foldwork.pipelines.experimentrun;

import java.util.List;

/** The events of an experiment run, all at schema version {@value #VERSION}. */
public final class ExperimentRunEvents {
    public static final int VERSION = 1;

    private ExperimentRunEvents() {}

    public record Started(String runId, String experimentId, int totalRows, List<String> targets,
                          List<String> evaluators, String sdkName, String sdkVersion) {
        public static final String TYPE = "ExperimentRunStarted";
    }

    public record TargetResultRecorded(String runId, int row, String targetId, String output, double cost,
                                       long durationMs, String error) {
        public static final String TYPE = "TargetResultRecorded";
    }

    public record EvaluatorResultRecorded(String runId, int row, String evaluatorId, double score, boolean passed) {
        public static final String TYPE = "EvaluatorResultRecorded";
    }

    public record Completed(String runId) {
        public static final String TYPE = "ExperimentRunCompleted";
    }
}
