package dev.foldwork.pipelines.trace;

import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Absurd single values are refused at the command; sums of values already stored saturate
 * instead of wrapping negative (tokens) or becoming Infinity, which JSON cannot hold (cost).
 */
class TraceSummaryLimitsTest {
    private final TestEvents events = new TestEvents("trace");

    private Event span(String spanId, long tokens, double cost) {
        return events.event("t1", SpanRecorded.TYPE, 2, new SpanRecorded("t1", spanId, null, "llm.chat", SpanKind.LLM, 1, 2,
                SpanStatus.OK, null, "gpt-5", tokens, tokens, cost, null, null, null));
    }

    @Test
    void sumsSaturateAndCostStaysFinite() {
        TraceSummary summary = TestEvents.foldAll(new TraceSummaryFold(),
                List.of(span("s1", Long.MAX_VALUE, 1.7e308), span("s2", Long.MAX_VALUE, 1.7e308)));
        assertThat(summary.inputTokens()).isEqualTo(Long.MAX_VALUE);
        assertThat(summary.outputTokens()).isEqualTo(Long.MAX_VALUE);
        assertThat(summary.totalCost()).isEqualTo(Long.MAX_VALUE / 1e9);
        assertThat(Json.toNode(summary).path("totalCost").isNumber()).isTrue();
    }

    @Test
    void theCommandRefusesValuesPastTheDocumentedLimits() {
        var payload = Json.object().put("traceId", "t1").put("spanId", "s1").put("name", "x").put("kind", "llm")
                .put("startTimeMs", Limits.MAX_TIME_MS + 1).put("endTimeMs", Long.MAX_VALUE)
                .put("inputTokens", Long.MAX_VALUE).put("outputTokens", Limits.MAX_TOKENS + 1).put("cost", 1.7e308);
        assertThat(fieldErrors(new RecordSpanCommand(), payload)).extracting(FieldError::field)
                .containsExactly("startTimeMs", "endTimeMs", "inputTokens", "outputTokens", "cost");
    }
}
