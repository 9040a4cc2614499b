package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.events.EventCodec;
import dev.foldwork.pipelines.SentBySdk;
import java.util.List;

/**
 * The events of an experiment run, all at schema version {@value #VERSION}. Fields added after
 * the first release are optional with safe defaults, so events stored before them read
 * unchanged: an evaluator result without a {@code status} was a processed one, without a
 * {@code cost} it cost nothing reported; a completion without {@code stopped} finished the run.
 * No field changed its meaning, so the version stays and no upcaster is needed.
 */
public sealed interface ExperimentRunEvent {
    int VERSION = 1;
    /** Reads and writes this pipeline's events, each at version {@value #VERSION}. */
    EventCodec<ExperimentRunEvent> CODEC = EventCodec.of(ExperimentRunEvent.class)
            .event(Started.TYPE, VERSION, Started.class)
            .event(TargetResultRecorded.TYPE, VERSION, TargetResultRecorded.class)
            .event(EvaluatorResultRecorded.TYPE, VERSION, EvaluatorResultRecorded.class)
            .event(Completed.TYPE, VERSION, Completed.class)
            .build();

    record Started(String runId, String experimentId, int totalRows, List<String> targets,
                   List<String> evaluators, String sdkName, String sdkVersion) implements ExperimentRunEvent, SentBySdk {
        public static final String TYPE = "ExperimentRunStarted";
    }

    record TargetResultRecorded(String runId, int row, String targetId, String output, double cost,
                                long durationMs, String error) implements ExperimentRunEvent {
        public static final String TYPE = "TargetResultRecorded";
    }

    /**
     * An evaluator's verdict on a row. A processed result holds a score, a pass, or both (a
     * score-only evaluator has no pass); a skipped or errored one holds neither.
     */
    record EvaluatorResultRecorded(String runId, int row, String evaluatorId, Double score, Boolean passed,
                                   EvaluatorResultStatus status, Double cost, String details) implements ExperimentRunEvent {
        public static final String TYPE = "EvaluatorResultRecorded";

        public EvaluatorResultStatus statusOrProcessed() {
            return status == null ? EvaluatorResultStatus.PROCESSED : status;
        }
    }

    /** The run ended: finished, or stopped by its user before every row was done. */
    record Completed(String runId, boolean stopped) implements ExperimentRunEvent {
        public static final String TYPE = "ExperimentRunCompleted";
    }
}
