package dev.foldwork.pipelines.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The summary's state is what every fold batch writes again. Its size must not grow with the
 * trace: 150 spans into a trace that already holds 600 large ones write under 3 KB of state per
 * span even when each span is a batch of its own (the issue measured about 230 KB per span). The
 * budget was 2 KB before the summary held the LLM detail (latency, usage by kind, metadata); what
 * matters is that it stays constant however many spans the trace has.
 */
class TraceSummarySizeTest {
    private static final int BUDGET_BYTES_PER_SPAN = 3_072;
    private static final int LARGEST_STATE_BYTES = 8_192;
    private final TestEvents events = new TestEvents("trace");

    private Event largeSpan(int i) {
        ObjectNode attributes = Json.object();
        for (int a = 0; a < 16; a++) {
            attributes.put("attribute.key." + a, "v".repeat(40));
        }
        return events.event("t1", SpanRecorded.TYPE, 2, new SpanRecorded("t1", String.format("%016x", i * 7919L),
                i == 0 ? null : "0000000000000000", "llm.chat.completion " + "x".repeat(20), SpanKind.LLM, i, i + 100,
                SpanStatus.OK, null, "gpt-5-mini-2026-08-07", 1_200, 310, 0.00092, attributes, "foldwork-python", "1.0.0"));
    }

    @Test
    void eachSpanWritesUnderThreeKilobytesHoweverLargeTheTrace() {
        TraceSummaryFold fold = new TraceSummaryFold();
        TraceSummary state = fold.init();
        for (int i = 0; i < 600; i++) {
            state = fold.apply(state, largeSpan(i));
        }
        long written = 0;
        for (int i = 600; i < 750; i++) {
            state = fold.apply(state, largeSpan(i));
            written += Json.write(Json.toNode(state)).getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(state.spanCount()).isEqualTo(750);
        assertThat(written / 150).as("state bytes written per span").isLessThan(BUDGET_BYTES_PER_SPAN);
    }

    /**
     * The state peaks where its bounded sets are full, before they overflow: the usage-carrying
     * spans ({@link UsageSpans#MAX_SPANS}) and the ids of the spans in the totals
     * ({@link TotalledSpanIds#MAX_IDS}); every state a growing trace writes stays under the budget.
     */
    @Test
    void everyStateAGrowingTraceWritesStaysUnderItsLargestStateBudget() {
        TraceSummaryFold fold = new TraceSummaryFold();
        TraceSummary state = fold.init();
        int largest = 0;
        boolean idsFull = false;
        for (int i = 0; i < 200; i++) {
            state = fold.apply(state, largeSpan(i));
            largest = Math.max(largest, Json.write(Json.toNode(state)).getBytes(StandardCharsets.UTF_8).length);
            idsFull |= state.totalled().ids().size() == TotalledSpanIds.MAX_IDS;
        }
        assertThat(idsFull).as("the trace filled the id set").isTrue();
        assertThat(largest).as("the largest state's bytes").isLessThan(LARGEST_STATE_BYTES);
    }
}
