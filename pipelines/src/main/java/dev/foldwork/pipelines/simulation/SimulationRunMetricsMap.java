package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.pipelines.simulation.SimulationEvents.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import dev.foldwork.pipelines.simulation.SimulationEvents.MessageSnapshotRecorded;
import java.util.List;
import java.util.Optional;

/** Map {@code simulation_run_metrics}: a metrics row per message snapshot and per finished run. */
public final class SimulationRunMetricsMap implements MapProjection<SimulationRunMetric> {
    public static final String NAME = "simulation_run_metrics";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<SimulationRunMetric> map(Event event) {
        return switch (event.type()) {
            case MessageSnapshotRecorded.TYPE -> {
                MessageSnapshotRecorded e = Json.fromNode(event.data(), MessageSnapshotRecorded.class);
                List<Message> messages = e.messages();
                yield Optional.of(new SimulationRunMetric(e.runId(), SimulationRunMetric.SNAPSHOT, messages.size(),
                        count(messages, MessageRole.USER), count(messages, MessageRole.ASSISTANT),
                        messages.stream().mapToLong(m -> m.content().length()).sum(), null, 0, 0));
            }
            case Finished.TYPE -> {
                Finished e = Json.fromNode(event.data(), Finished.class);
                yield Optional.of(new SimulationRunMetric(e.runId(), SimulationRunMetric.FINISHED, 0, 0, 0, 0,
                        e.verdict(), e.metCriteria().size(), e.unmetCriteria().size()));
            }
            default -> Optional.empty();
        };
    }

    private static int count(List<Message> messages, MessageRole role) {
        return (int) messages.stream().filter(m -> m.role() == role).count();
    }
}
