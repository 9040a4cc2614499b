package dev.foldwork.pipelines;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.pipelines.evaluation.EvaluationEvent;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.simulation.SimulationEvent;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.trace.TraceEvent;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.Map;
import java.util.Optional;

/** The product pipelines' event codecs by aggregate type, for the global folds that see every pipeline's events. */
public final class ProductEvents {
    private static final Map<String, EventCodec<?>> BY_AGGREGATE_TYPE = Map.of(
            TracePipeline.NAME, TraceEvent.CODEC,
            EvaluationPipeline.NAME, EvaluationEvent.CODEC,
            ExperimentRunPipeline.NAME, ExperimentRunEvent.CODEC,
            SimulationPipeline.AGGREGATE_TYPE, SimulationEvent.CODEC);

    private ProductEvents() {}

    /** The event as its pipeline's record; empty for an aggregate type or event type no product pipeline has. */
    public static Optional<Object> decode(Event event) {
        EventCodec<?> codec = BY_AGGREGATE_TYPE.get(event.aggregateType().value());
        return codec == null ? Optional.empty() : codec.decode(event).map(Object.class::cast);
    }
}
