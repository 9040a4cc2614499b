package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * What a trace summary keeps of one span. When a span id arrives twice with different
 * content, the greater fact by {@link #ORDER} wins, so the outcome does not depend on which
 * copy came first. Text is already cut to what the summary shows ({@link TraceSummary#MAX_IO}).
 *
 * @param rollup the span reports the usage of the calls under it (an agent or workflow span), see
 *               {@link SpanTotals}
 * @param sdk    {@code name@version}, or the name alone
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record SpanFact(
        String parentSpanId,
        String name,
        long startTimeMs,
        long endTimeMs,
        boolean error,
        String model,
        long inputTokens,
        long outputTokens,
        double cost,
        String errorMessage,
        long cachedInputTokens,
        long reasoningTokens,
        boolean rollup,
        boolean llm,
        long firstTokenAtMs,
        String input,
        String output,
        String userId,
        String threadId,
        String customerId,
        List<String> labels,
        String promptId,
        String sdk) {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

    public SpanFact {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A total order over every field: the later-ending, richer report of a span is the greater. */
    static final Comparator<SpanFact> ORDER = Comparator.comparingLong(SpanFact::endTimeMs)
            .thenComparingLong(SpanFact::startTimeMs)
            .thenComparingLong(SpanFact::inputTokens)
            .thenComparingLong(SpanFact::outputTokens)
            .thenComparingDouble(SpanFact::cost)
            .thenComparing(SpanFact::error)
            .thenComparing(SpanFact::name)
            .thenComparing(SpanFact::model, TEXT)
            .thenComparing(SpanFact::parentSpanId, TEXT)
            .thenComparing(SpanFact::errorMessage, TEXT)
            .thenComparingLong(SpanFact::cachedInputTokens)
            .thenComparingLong(SpanFact::reasoningTokens)
            .thenComparing(SpanFact::rollup)
            .thenComparing(SpanFact::llm)
            .thenComparingLong(SpanFact::firstTokenAtMs)
            .thenComparing(SpanFact::input, TEXT)
            .thenComparing(SpanFact::output, TEXT)
            .thenComparing(SpanFact::userId, TEXT)
            .thenComparing(SpanFact::threadId, TEXT)
            .thenComparing(SpanFact::customerId, TEXT)
            .thenComparing(f -> String.join("\u0000", f.labels()))
            .thenComparing(SpanFact::promptId, TEXT)
            .thenComparing(SpanFact::sdk, TEXT);

    public static SpanFact of(SpanRecorded span) {
        String sdk = span.sdkName() == null ? null : span.sdkVersion() == null ? span.sdkName() : span.sdkName() + "@" + span.sdkVersion();
        boolean rollup = span.operation() != null && GenAiConventions.ROLLUP_OPERATIONS.contains(span.operation());
        return new SpanFact(span.parentSpanId(), span.name(), span.startTimeMs(), span.endTimeMs(),
                span.status() == SpanStatus.ERROR, span.model(), span.inputTokens(), span.outputTokens(), span.cost(),
                cut(span.errorMessage()), span.cachedInputTokens(), span.reasoningTokens(), rollup,
                span.kind() == SpanKind.LLM && !rollup, span.firstTokenAtMs(), cut(span.input()), cut(span.output()),
                span.userId(), span.threadId(), span.customerId(), span.labels(), span.promptId(), sdk);
    }

    private static String cut(String text) {
        return text == null ? null : GenAiConventions.cut(text, TraceSummary.MAX_IO);
    }

    @JsonIgnore
    public boolean isRoot() {
        return parentSpanId == null;
    }

    /** Start and end are usable for the trace's timing: a start was sent and the end is not before it. */
    public boolean timed() {
        return startTimeMs > 0 && endTimeMs >= startTimeMs;
    }

    public boolean supersedes(SpanFact other) {
        return ORDER.compare(this, other) > 0;
    }
}
