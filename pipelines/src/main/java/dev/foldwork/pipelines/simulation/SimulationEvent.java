package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.events.EventCodec;
import dev.foldwork.pipelines.SentBySdk;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The events of a simulation run, all at schema version {@value #VERSION}. Fields added after the
 * first release ({@code name} on the start, {@code error} and {@code durationMs} on the finish)
 * are optional and read as null from events stored before them, which is what "not reported"
 * means; no field changed its meaning, so the version stays and no upcaster is needed.
 * {@code repeat} on a finish is true when the run already held a finish
 * ({@link dev.foldwork.pipelines.BillableFacts}): billing counts a judged run once.
 */
public sealed interface SimulationEvent {
    int VERSION = 1;
    /** Reads and writes this pipeline's events, each at version {@value #VERSION}. */
    EventCodec<SimulationEvent> CODEC = EventCodec.of(SimulationEvent.class)
            .event(Queued.TYPE, VERSION, Queued.class)
            .event(Started.TYPE, VERSION, Started.class)
            .event(MessageSnapshotRecorded.TYPE, VERSION, MessageSnapshotRecorded.class)
            .event(Finished.TYPE, VERSION, Finished.class)
            .event(Cancelled.TYPE, VERSION, Cancelled.class)
            .event(CostsRecorded.TYPE, VERSION, CostsRecorded.class)
            .event(Deleted.TYPE, VERSION, Deleted.class)
            .build();
    /** The outcome billing counts once per run: the judge's finish (a cancel is free). */
    Set<String> BILLED = Set.of(Finished.TYPE);

    /** The run was scheduled; it may start much later, or be cancelled before it does. */
    record Queued(String runId, String scenarioId, String scenarioSetId, String batchRunId, String name) implements SimulationEvent {
        public static final String TYPE = "SimulationRunQueued";
    }

    record Started(String runId, String scenarioId, String scenarioSetId, String batchRunId,
                   String sdkName, String sdkVersion, String name) implements SimulationEvent, SentBySdk {
        public static final String TYPE = "SimulationRunStarted";
    }

    /** The whole conversation so far; each snapshot replaces the one before. */
    record MessageSnapshotRecorded(String runId, List<Message> messages) implements SimulationEvent {
        public static final String TYPE = "SimulationMessageSnapshotRecorded";
    }

    /** The judge's verdict; {@code error} set means the run itself failed (outcome error). */
    record Finished(String runId, SimulationVerdict verdict, String reasoning, List<String> metCriteria,
                    List<String> unmetCriteria, String error, Long durationMs, boolean repeat) implements SimulationEvent {
        public static final String TYPE = "SimulationRunFinished";
    }

    /** The user stopped the run; this outranks any outcome the run reports. */
    record Cancelled(String runId, String reason) implements SimulationEvent {
        public static final String TYPE = "SimulationRunCancelled";
    }

    /** What the run cost, per role (user simulator, agent, judge); each measurement replaces the last. */
    record CostsRecorded(String runId, SortedMap<String, Double> roleCosts) implements SimulationEvent {
        public static final String TYPE = "SimulationRunCostsRecorded";
    }

    record Deleted(String runId) implements SimulationEvent {
        public static final String TYPE = "SimulationRunDeleted";
    }

    record Message(MessageRole role, String content) {}
}
