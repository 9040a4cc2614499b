package dev.foldwork.pipelines.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import org.junit.jupiter.api.Test;

class SpanStorageMapTest {
    private static final SpanStorageMap MAP = new SpanStorageMap();
    private final TestEvents events = new TestEvents("trace");

    @Test
    void storesEachSpanEventInTheCurrentSchema() {
        ObjectNode v1 = Json.object().put("traceId", "t1").put("spanId", "s1").put("name", "chat.turn").put("kind", "SERVER")
                .put("startTimeMs", 5).put("endTimeMs", 9).put("status", "OK").put("inputTokens", 3).put("outputTokens", 4);

        SpanRecorded stored = MAP.map(events.event("t1", SpanRecorded.TYPE, 1, v1)).orElseThrow();

        assertThat(stored.spanId()).isEqualTo("s1");
        assertThat(stored.cost()).isZero();
        assertThat(stored.durationMs()).isEqualTo(4);
    }

    @Test
    void aSpanEventAtTheCurrentVersionIsStoredAsItsOwnJsonAnOlderOneInTheCurrentSchema() {
        Event current = events.event("t1", SpanRecorded.TYPE, SpanRecorded.VERSION, new SpanRecorded("t1", "s1", null, "chat",
                SpanKind.LLM, 5, 9, SpanStatus.OK, null, "gpt-5", 3, 4, 0.01, null, "foldwork-python", "1.0.0"));
        assertThat(MAP.recordJson(current)).containsSame(current.data()); // no second tree of every span

        ObjectNode v1 = Json.object().put("traceId", "t1").put("spanId", "s2").put("name", "chat.turn").put("kind", "SERVER")
                .put("startTimeMs", 5).put("endTimeMs", 9).put("status", "OK").put("inputTokens", 3).put("outputTokens", 4);
        Event older = events.event("t1", SpanRecorded.TYPE, 1, v1);
        assertThat(MAP.recordJson(older)).contains(Json.toNode(MAP.map(older).orElseThrow()));
        assertThat(MAP.recordJson(older).orElseThrow().has("cost")).isTrue();
    }

    @Test
    void skipsOtherEvents() {
        assertThat(MAP.map(events.event("t1", "TraceArchived", 1, Json.object()))).isEmpty();
    }
}
