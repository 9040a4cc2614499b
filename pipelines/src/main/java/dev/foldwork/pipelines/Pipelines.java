package dev.foldwork.pipelines;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.global.BillingMeterFold;
import dev.foldwork.pipelines.global.SdkUsageFold;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.trace.ModelPrices;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.pipelines.trace.TraceUpdateSink;
import dev.foldwork.pipelines.trace.index.MemoryTraceIndex;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import java.time.Duration;
import java.util.List;

/** The composition of the product's four pipelines and its global projections. */
public final class Pipelines {
    public static final BillingMeterFold BILLING_METER = new BillingMeterFold();
    public static final SdkUsageFold SDK_USAGE = new SdkUsageFold();

    private Pipelines() {}

    /**
     * How the trace reactors pace themselves: how long a trace must be quiet before it is
     * evaluated, and by which evaluator; and the price table that prices spans whose SDK sent no cost.
     */
    public record Settings(Duration evaluationQuietPeriod, String evaluatorId, ModelPrices prices) {
        /** Settings with the bundled price table. */
        public Settings(Duration evaluationQuietPeriod, String evaluatorId) {
            this(evaluationQuietPeriod, evaluatorId, ModelPrices.bundled());
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), "trace_quality");
        }
    }

    /** The registry with an in-memory trace index of its own (tests and benchmarks that never list traces). */
    public static PipelineRegistry registry(Settings settings, TraceUpdateSink updates) {
        return registry(settings, updates, new MemoryTraceIndex());
    }

    public static PipelineRegistry registry(Settings settings, TraceUpdateSink updates, TraceIndex traceIndex) {
        return PipelineRegistry.of(
                List.of(TracePipeline.build(settings.evaluationQuietPeriod(), settings.evaluatorId(), updates,
                                settings.prices(), traceIndex),
                        EvaluationPipeline.build(),
                        ExperimentRunPipeline.build(),
                        SimulationPipeline.build()),
                Pipeline.globalProjections().fold(BILLING_METER).fold(SDK_USAGE).build());
    }
}
