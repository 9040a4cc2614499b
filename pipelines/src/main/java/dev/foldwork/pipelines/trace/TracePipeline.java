package dev.foldwork.pipelines.trace;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import dev.foldwork.pipelines.trace.index.TraceIndexReactor;
import java.time.Duration;

/** Pipeline {@code trace}: spans of one trace, summarised, stored, indexed, evaluated and broadcast. */
public final class TracePipeline {
    public static final String NAME = "trace";
    public static final TraceSummaryFold SUMMARY = new TraceSummaryFold();
    public static final SpanStorageMap SPAN_STORAGE = new SpanStorageMap();

    private TracePipeline() {}

    public static Pipeline build(Duration evaluationQuietPeriod, String evaluatorId, TraceUpdateSink updates,
                                 ModelPrices prices, TraceIndex index) {
        return Pipeline.named(NAME)
                .command(RecordSpanCommand.TYPE, new RecordSpanCommand())
                .command(RecordSpansCommand.TYPE, new RecordSpansCommand(prices))
                .command(RenameTraceCommand.TYPE, new RenameTraceCommand())
                .fold(SUMMARY)
                .map(SPAN_STORAGE)
                .reactor(SUMMARY, new EvaluationTriggerReactor(evaluationQuietPeriod, evaluatorId))
                .reactor(SUMMARY, new UpdateBroadcastReactor(updates))
                .reactor(SUMMARY, new TraceIndexReactor(index))
                .build();
    }
}
