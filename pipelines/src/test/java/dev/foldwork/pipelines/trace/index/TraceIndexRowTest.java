package dev.foldwork.pipelines.trace.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row read from the summary's stored JSON: every field the index filters on, and the summary without its bookkeeping. */
class TraceIndexRowTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void readsTheFilteredFieldsFromTheStoredSummary() {
        TraceSummary summary = new TraceSummary.Builder().traceId(TRACE).startTimeMs(1_700_000_000_000L)
                .userId("ann").threadId("th-1").labels(List.of("prod", "chat")).models(List.of("gpt-4o", "claude-3"))
                .status(TraceStatus.ERROR).totalCost(0.125).build();

        TraceIndexRow row = TraceIndexRow.of(TRACE, Json.toNode(summary), 7);

        assertThat(row.traceId()).isEqualTo(TRACE);
        assertThat(row.rank()).isEqualTo(7);
        assertThat(row.startTimeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(row.userId()).isEqualTo("ann");
        assertThat(row.threadId()).isEqualTo("th-1");
        assertThat(row.labels()).containsExactly("prod", "chat");
        assertThat(row.models()).containsExactly("gpt-4o", "claude-3");
        assertThat(row.hasError()).isTrue();
        assertThat(row.totalCost()).isEqualTo(0.125);
        assertThat(row.summary().has("sample")).isFalse();
        assertThat(row.summary().has("rest")).isFalse();
        assertThat(row.summary().get("userId").asText()).isEqualTo("ann");
        assertThat(row.summary().get("traceId").asText()).isEqualTo(TRACE);
    }

    @Test
    void leavesWhatTheSummaryLeavesOutEmptyAndDoesNotChangeTheStoredJson() {
        JsonNode stored = Json.toNode(new TraceSummary.Builder().traceId(TRACE).status(TraceStatus.OK).build());
        String before = Json.write(stored);

        TraceIndexRow row = TraceIndexRow.of(TRACE, stored, 1);

        assertThat(row.userId()).isNull();
        assertThat(row.threadId()).isNull();
        assertThat(row.labels()).isEmpty();
        assertThat(row.models()).isEmpty();
        assertThat(row.hasError()).isFalse();
        assertThat(Json.write(stored)).isEqualTo(before);
    }
}
