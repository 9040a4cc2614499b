package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedMap;
import dev.foldwork.pipelines.simulation.SimulationEvent.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvent.Message;
import dev.foldwork.pipelines.simulation.SimulationEvent.MessageSnapshotRecorded;
import java.util.List;
import java.util.Optional;

/** Map {@code simulation_run_metrics}: a metrics row per message snapshot and per finished run. */
public final class SimulationRunMetricsMap implements TypedMap<SimulationRunMetric, SimulationEvent> {
    public static final String NAME = "simulation_run_metrics";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<SimulationEvent> events() {
        return SimulationEvent.CODEC;
    }

    @Override
    public Optional<SimulationRunMetric> map(SimulationEvent event, Event envelope) {
        if (event instanceof MessageSnapshotRecorded e) {
            List<Message> messages = e.messages();
            return Optional.of(new SimulationRunMetric(e.runId(), SimulationRunMetric.SNAPSHOT, messages.size(),
                    count(messages, MessageRole.USER), count(messages, MessageRole.ASSISTANT),
                    messages.stream().mapToLong(m -> m.content().length()).sum(), null, 0, 0));
        }
        if (event instanceof Finished e) {
            return Optional.of(new SimulationRunMetric(e.runId(), SimulationRunMetric.FINISHED, 0, 0, 0, 0,
                    e.verdict(), e.metCriteria().size(), e.unmetCriteria().size()));
        }
        return Optional.empty();
    }

    private static int count(List<Message> messages, MessageRole role) {
        return (int) messages.stream().filter(m -> m.role() == role).count();
    }
}
