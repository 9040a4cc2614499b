package dev.foldwork.pipelines.evaluation;

/** The events of an evaluation, all at schema version {@value #VERSION}. */
public final class EvaluationEvents {
    public static final int VERSION = 1;

    private EvaluationEvents() {}

    public record Scheduled(String evaluationId, String evaluatorId, String traceId) {
        public static final String TYPE = "EvaluationScheduled";
    }

    public record Started(String evaluationId) {
        public static final String TYPE = "EvaluationStarted";
    }

    public record Completed(String evaluationId, double score, boolean passed, String label, String details) {
        public static final String TYPE = "EvaluationCompleted";
    }

    public record Skipped(String evaluationId, String reason) {
        public static final String TYPE = "EvaluationSkipped";
    }

    public record Failed(String evaluationId, String error) {
        public static final String TYPE = "EvaluationFailed";
    }
}
