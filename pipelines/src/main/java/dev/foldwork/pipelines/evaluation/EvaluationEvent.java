package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.events.EventCodec;
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
public sealed interface EvaluationEvent {
    int VERSION = 1;
    /** Reads and writes this pipeline's events, each at version {@value #VERSION}. */
    EventCodec<EvaluationEvent> CODEC = EventCodec.of(EvaluationEvent.class)
            .event(Scheduled.TYPE, VERSION, Scheduled.class)
            .event(Started.TYPE, VERSION, Started.class)
            .event(Completed.TYPE, VERSION, Completed.class)
            .event(Skipped.TYPE, VERSION, Skipped.class)
            .event(Failed.TYPE, VERSION, Failed.class)
            .build();
    /** The results that say the evaluator ran, which billing counts once per evaluation. */
    Set<String> BILLED = Set.of(Completed.TYPE, Failed.TYPE);

    record Scheduled(String evaluationId, String evaluatorId, String traceId, String evaluatorType,
                     String evaluatorName, boolean guardrail) implements EvaluationEvent {
        public static final String TYPE = "EvaluationScheduled";
    }

    record Started(String evaluationId) implements EvaluationEvent {
        public static final String TYPE = "EvaluationStarted";
    }

    /** {@code cost} and {@code durationMs} are what the evaluator reported, null when it did not. */
    record Completed(String evaluationId, double score, boolean passed, String label, String details,
                     Double cost, Long durationMs, boolean repeat) implements EvaluationEvent {
        public static final String TYPE = "EvaluationCompleted";
    }

    record Skipped(String evaluationId, String reason) implements EvaluationEvent {
        public static final String TYPE = "EvaluationSkipped";
    }

    /** A failed evaluator may still have spent money and time before it failed. */
    record Failed(String evaluationId, String error, Double cost, Long durationMs, boolean repeat) implements EvaluationEvent {
        public static final String TYPE = "EvaluationFailed";
    }
}
