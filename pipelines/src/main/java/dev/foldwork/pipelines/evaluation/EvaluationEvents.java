package dev.foldwork.pipelines.evaluation;

import java.util.Set;

/**
 * The events of an evaluation, all at schema version {@value #VERSION}. Fields added after the
 * first release ({@code evaluatorType}, {@code evaluatorName}, {@code guardrail}, {@code cost},
 * {@code durationMs}) are optional and read as null (false for the flag) from events stored
 * before them, which is what "not reported" means; no field changed its meaning, so the version
 * stays and no upcaster is needed. {@code repeat} on a completion or failure is true when the
 * evaluation already held one of them ({@link dev.foldwork.pipelines.BillableFacts}): billing
 * counts an evaluation's run once, however often its result is reported.
 */
public final class EvaluationEvents {
    public static final int VERSION = 1;
    /** The results that say the evaluator ran, which billing counts once per evaluation. */
    public static final Set<String> BILLED = Set.of(Completed.TYPE, Failed.TYPE);

    private EvaluationEvents() {}

    public record Scheduled(String evaluationId, String evaluatorId, String traceId, String evaluatorType,
                            String evaluatorName, boolean guardrail) {
        public static final String TYPE = "EvaluationScheduled";
    }

    public record Started(String evaluationId) {
        public static final String TYPE = "EvaluationStarted";
    }

    /** {@code cost} and {@code durationMs} are what the evaluator reported, null when it did not. */
    public record Completed(String evaluationId, double score, boolean passed, String label, String details,
                            Double cost, Long durationMs, boolean repeat) {
        public static final String TYPE = "EvaluationCompleted";
    }

    public record Skipped(String evaluationId, String reason) {
        public static final String TYPE = "EvaluationSkipped";
    }

    /** A failed evaluator may still have spent money and time before it failed. */
    public record Failed(String evaluationId, String error, Double cost, Long durationMs, boolean repeat) {
        public static final String TYPE = "EvaluationFailed";
    }
}
