package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.pipelines.simulation.SimulationEvents.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvents.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import dev.foldwork.pipelines.simulation.SimulationEvents.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvents.Started;
import java.util.List;

/** Fold {@code simulation_run_state}: a simulated conversation's progress and the judge's verdict. */
public final class SimulationRunStateFold implements FoldProjection<SimulationRunState> {
    public static final String NAME = "simulation_run_state";
    public static final int PREVIEW_LENGTH = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SimulationRunState> stateType() {
        return SimulationRunState.class;
    }

    @Override
    public SimulationRunState init() {
        return SimulationRunState.notStarted();
    }

    @Override
    public SimulationRunState apply(SimulationRunState s, Event event) {
        return switch (event.type()) {
            case Started.TYPE -> {
                Started e = Json.fromNode(event.data(), Started.class);
                yield new SimulationRunState(e.runId(), e.scenarioId(), e.scenarioSetId(), e.batchRunId(),
                        SimulationStatus.RUNNING, false, 0, 0, null, null, null, null, List.of(), List.of(),
                        event.timestamp(), 0, 0);
            }
            case MessageSnapshotRecorded.TYPE -> {
                List<Message> messages = Json.fromNode(event.data(), MessageSnapshotRecorded.class).messages();
                Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
                yield new SimulationRunState(s.runId(), s.scenarioId(), s.scenarioSetId(), s.batchRunId(), s.status(),
                        s.deleted(), s.snapshots() + 1, messages.size(), last == null ? null : last.role(),
                        last == null ? null : preview(last.content()), s.verdict(), s.reasoning(), s.metCriteria(),
                        s.unmetCriteria(), s.startedAt(), s.finishedAt(), s.deletedAt());
            }
            case Finished.TYPE -> {
                Finished e = Json.fromNode(event.data(), Finished.class);
                yield new SimulationRunState(s.runId(), s.scenarioId(), s.scenarioSetId(), s.batchRunId(),
                        SimulationStatus.FINISHED, s.deleted(), s.snapshots(), s.messageCount(), s.lastMessageRole(),
                        s.lastMessagePreview(), e.verdict(), e.reasoning(), e.metCriteria(), e.unmetCriteria(),
                        s.startedAt(), event.timestamp(), s.deletedAt());
            }
            case Deleted.TYPE -> new SimulationRunState(s.runId(), s.scenarioId(), s.scenarioSetId(), s.batchRunId(),
                    s.status(), true, s.snapshots(), s.messageCount(), s.lastMessageRole(), s.lastMessagePreview(),
                    s.verdict(), s.reasoning(), s.metCriteria(), s.unmetCriteria(), s.startedAt(), s.finishedAt(),
                    event.timestamp());
            default -> s;
        };
    }

    private static String preview(String content) {
        return content.length() <= PREVIEW_LENGTH ? content : content.substring(0, PREVIEW_LENGTH) + "...";
    }
}
