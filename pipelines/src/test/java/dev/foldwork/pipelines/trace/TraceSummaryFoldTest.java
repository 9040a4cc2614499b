package dev.foldwork.pipelines.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceSummaryFoldTest {
    private static final TraceSummaryFold FOLD = new TraceSummaryFold();
    private final TestEvents events = new TestEvents("trace");

    private static SpanRecorded span(String spanId, String parent, String name, long start, long end, SpanStatus status,
                                     String model, long in, long out, double cost) {
        return new SpanRecorded("t1", spanId, parent, name, parent == null ? SpanKind.SERVER : SpanKind.LLM, start, end,
                status, status == SpanStatus.ERROR ? "boom" : null, model, in, out, cost, null, "foldwork-python", "1.0.0");
    }

    private List<Event> trace() {
        return List.of(
                events.event("t1", SpanRecorded.TYPE, 2, span("a-root", null, "agent.run", 1_000, 9_000, SpanStatus.OK, null, 0, 0, 0)),
                events.event("t1", SpanRecorded.TYPE, 2, span("b-llm", "a-root", "llm.chat", 1_100, 3_000, SpanStatus.OK, "gpt-5", 1200, 300, 0.0045)),
                events.event("t1", SpanRecorded.TYPE, 2, span("c-llm", "a-root", "llm.chat", 3_100, 6_000, SpanStatus.ERROR, "gpt-5-mini", 800, 0, 0.0002)),
                events.event("t1", SpanRecorded.TYPE, 2, span("d-tool", "a-root", "tool.search", 6_100, 9_500, SpanStatus.OK, null, 0, 0, 0)));
    }

    @Test
    void summarisesATrace() {
        TraceSummary summary = TestEvents.foldAll(FOLD, trace());

        assertThat(summary.traceId()).isEqualTo("t1");
        assertThat(summary.spanCount()).isEqualTo(4);
        assertThat(summary.rootSpanName()).isEqualTo("agent.run");
        assertThat(summary.startTimeMs()).isEqualTo(1_000);
        assertThat(summary.endTimeMs()).isEqualTo(9_500);
        assertThat(summary.durationMs()).isEqualTo(8_500);
        assertThat(summary.inputTokens()).isEqualTo(2_000);
        assertThat(summary.outputTokens()).isEqualTo(300);
        assertThat(summary.totalCost()).isEqualTo(0.0047);
        assertThat(summary.errorCount()).isEqualTo(1);
        assertThat(summary.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(summary.models()).containsExactly("gpt-5-mini", "gpt-5");
        assertThat(summary.lastEventAt()).isEqualTo(TestEvents.T0 + 4);
    }

    @Test
    void anyArrivalOrderGivesTheSameSummary() {
        List<Event> inOrder = trace();
        TraceSummary expected = TestEvents.foldAll(FOLD, inOrder);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<Event> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            assertThat(TestEvents.foldAll(FOLD, shuffled)).as("order %s", shuffled).isEqualTo(expected);
        }
    }

    @Test
    void aBatchGivesTheStateItsEventsGiveOneAtATime() {
        List<Event> stream = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            String spanId = String.format("s%02d", random.nextInt(9)); // repeats: spans reported again
            stream.add(events.event("t1", SpanRecorded.TYPE, 2, span(spanId, i == 0 ? null : "s00", "step " + i, 1_000 + i,
                    2_000 + 10 * i, i % 5 == 4 ? SpanStatus.ERROR : SpanStatus.OK, "model-" + i % 3, 10 * i, i, 0.001 * i)));
            if (i % 4 == 3) {
                stream.add(events.event("t1", TraceRenamed.TYPE, 1, new TraceRenamed("t1", "name " + i)));
            }
        }
        stream.add(events.event("t1", "SomethingElse", 1, Json.object()));
        TraceSummary oneAtATime = TestEvents.foldAll(FOLD, stream);
        for (int split = 0; split < 30; split++) {
            assertThat(TestEvents.foldInBatches(FOLD, stream, random)).as("split %d", split).isEqualTo(oneAtATime);
        }
        TraceSummary before = TestEvents.foldAll(FOLD, stream.subList(0, 3));
        assertThat(FOLD.applyAll(before, List.of(stream.get(stream.size() - 1)))).as("a batch of nothing it knows").isSameAs(before);
    }

    @Test
    void aSpanRecordedTwiceCountsOnce() {
        List<Event> once = trace();
        List<Event> twice = new ArrayList<>(once);
        twice.add(1, events.event("t1", SpanRecorded.TYPE, 2, once.get(2).data()));
        twice.add(events.event("t1", SpanRecorded.TYPE, 2, once.get(0).data()));

        TraceSummary expected = TestEvents.foldAll(FOLD, once);
        TraceSummary actual = TestEvents.foldAll(FOLD, twice);
        // The duplicates are newer events, so only the last-event stamp may move.
        assertThat(withoutLastEvent(actual)).isEqualTo(withoutLastEvent(expected));
        assertThat(actual.lastEventId()).isEqualTo(twice.get(twice.size() - 1).id());
    }

    @Test
    void duplicatesShuffledWithTheRestGiveTheSameSummary() {
        List<Event> stream = new ArrayList<>(trace());
        stream.add(events.event("t1", SpanRecorded.TYPE, 2, stream.get(1).data()));
        stream.add(events.event("t1", SpanRecorded.TYPE, 2, stream.get(3).data()));
        TraceSummary expected = TestEvents.foldAll(FOLD, stream);
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(stream, random);
            assertThat(TestEvents.foldAll(FOLD, stream)).isEqualTo(expected);
        }
    }

    @Test
    void aSpanReportedTwiceDifferentlyKeepsTheLaterEndingReportWhicheverCameFirst() {
        Event early = events.event("t1", SpanRecorded.TYPE, 2, span("s", null, "agent.run", 1, 101, SpanStatus.UNSET, null, 0, 0, 0));
        Event late = events.event("t1", SpanRecorded.TYPE, 2, span("s", null, "agent.run", 1, 401, SpanStatus.OK, null, 0, 0, 0));

        TraceSummary a = TestEvents.foldAll(FOLD, List.of(early, late));
        TraceSummary b = TestEvents.foldAll(FOLD, List.of(late, early));

        assertThat(a).isEqualTo(b);
        assertThat(a.durationMs()).isEqualTo(400);
        assertThat(a.spanCount()).isEqualTo(1);
    }

    @Test
    void aSpanOutsideTheSampleSentAgainCountsOnceInAnyOrder() {
        List<Event> once = new ArrayList<>();
        for (int i = 0; i < TraceSummaryFold.SAMPLE_SIZE + 7; i++) {
            once.add(events.event("t1", SpanRecorded.TYPE, 2, span(String.format("s%02d", i), i == 0 ? null : "s00", "step",
                    i + 1, i + 2, i % 4 == 0 ? SpanStatus.ERROR : SpanStatus.OK, "gpt-5", 10, 2, 0.001)));
        }
        TraceSummary expected = TestEvents.foldAll(FOLD, once);
        List<Event> sentTwice = new ArrayList<>(once);
        for (Event event : once) { // an OTLP exporter sends the whole export again after a timeout or a 503
            sentTwice.add(events.event("t1", SpanRecorded.TYPE, 2, event.data()));
        }
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(sentTwice, random);
            assertThat(withoutLastEvent(TestEvents.foldAll(FOLD, sentTwice))).as("order %s", sentTwice)
                    .isEqualTo(withoutLastEvent(expected));
        }
        assertThat(expected.spanCount()).isEqualTo(12);
        assertThat(expected.errorCount()).isEqualTo(3);
        assertThat(expected.totalled().ids()).hasSize(7);
    }

    @Test
    void pastItsIdLimitASpanOutsideTheSampleSentAgainCountsAgain() {
        int spans = TraceSummaryFold.SAMPLE_SIZE + TotalledSpanIds.MAX_IDS + 1;
        List<Event> stream = new ArrayList<>();
        for (int i = 0; i < spans; i++) {
            stream.add(events.event("t1", SpanRecorded.TYPE, 2, span(String.format("s%03d", i), null, "step", i + 1, i + 2,
                    SpanStatus.OK, null, 0, 0, 0)));
        }
        stream.add(events.event("t1", SpanRecorded.TYPE, 2, stream.get(spans - 1).data()));

        TraceSummary summary = TestEvents.foldAll(FOLD, stream);

        assertThat(summary.totalled().overflowed()).isTrue();
        assertThat(summary.totalled().ids()).isEmpty();
        assertThat(summary.spanCount()).isEqualTo(spans + 1);
    }

    @Test
    void readsAVersion1SpanWithoutCost() {
        ObjectNode v1 = (ObjectNode) Json.toNode(span("s1", null, "chat.turn", 0, 50, SpanStatus.OK, "gpt-5", 10, 5, 0));
        v1.remove("cost");
        // not a child of s1: a parent's usage would not count over its child's (UsageSpans)
        ObjectNode v2 = (ObjectNode) Json.toNode(span("s2", "s0", "llm.chat", 10, 40, SpanStatus.OK, "gpt-5", 20, 7, 0.25));

        TraceSummary summary = TestEvents.foldAll(FOLD, List.of(
                events.event("t1", SpanRecorded.TYPE, 1, v1), events.event("t1", SpanRecorded.TYPE, 2, v2)));

        assertThat(summary.spanCount()).isEqualTo(2);
        assertThat(summary.inputTokens()).isEqualTo(30);
        assertThat(summary.totalCost()).isEqualTo(0.25);
        assertThat(summary.sample().get("s1").cost()).isZero();
    }

    @Test
    void refusesASpanVersionNewerThanItKnows() {
        Event v4 = events.event("t1", SpanRecorded.TYPE, 4, span("s", null, "x", 0, 1, SpanStatus.OK, null, 0, 0, 0));
        assertThatThrownBy(() -> FOLD.apply(FOLD.init(), v4)).hasMessageContaining("version 4");
    }

    @Test
    void keepsFactsOfTheLowestSpanIdsAndTotalsOfAllInAnyOrder() {
        int spans = TraceSummaryFold.SAMPLE_SIZE * 50;
        List<Event> many = new ArrayList<>();
        for (int i = 0; i < spans; i++) {
            many.add(events.event("t1", SpanRecorded.TYPE, 2, span(String.format("s%05d", i), i == 7 ? null : "root", "step", i + 1, i + 2,
                    i % 10 == 0 ? SpanStatus.ERROR : SpanStatus.OK, "model-" + (i % 12), 1, 2, 0.001)));
        }
        TraceSummary inOrder = TestEvents.foldAll(FOLD, many);
        Collections.shuffle(many, new Random(3));
        TraceSummary shuffled = TestEvents.foldAll(FOLD, many);

        assertThat(inOrder.sample()).hasSize(TraceSummaryFold.SAMPLE_SIZE);
        assertThat(inOrder.sample().lastKey()).isEqualTo(String.format("s%05d", TraceSummaryFold.SAMPLE_SIZE - 1));
        assertThat(inOrder.spanCount()).isEqualTo(spans);
        assertThat(inOrder.inputTokens()).isEqualTo(spans);
        assertThat(inOrder.outputTokens()).isEqualTo(2L * spans);
        assertThat(inOrder.totalCost()).isEqualTo(spans * 0.001);
        assertThat(inOrder.errorCount()).isEqualTo(spans / 10);
        assertThat(inOrder.rootSpanName()).isEqualTo("step");
        assertThat(inOrder.durationMs()).isEqualTo(spans);
        // The most recently used models first: span i ends at i + 2 and uses model-(i % 12).
        assertThat(inOrder.models()).hasSize(SpanTotals.MAX_MODELS).startsWith("model-9", "model-8", "model-7");
        assertThat(withoutLastEvent(shuffled)).isEqualTo(withoutLastEvent(inOrder));
    }

    @Test
    void aStateStoredWithOneFactPerSpanKeepsItsTotals() {
        ObjectNode legacy = (ObjectNode) Json.parse("""
                {"traceId":"t1","spanCount":3,"rootSpanName":"agent.run","startTimeMs":100,"endTimeMs":900,"durationMs":800,
                 "inputTokens":30,"outputTokens":6,"totalCost":0.5,"errorCount":1,"status":"ERROR","models":["gpt-5"],
                 "lastEventId":"evt-000000","lastEventAt":1,"spansBeyondLimit":0,"spans":{"a":{"name":"agent.run"}}}""");
        TraceSummary old = Json.fromNode(legacy, TraceSummary.class);
        TraceSummary next = FOLD.apply(old, events.event("t1", SpanRecorded.TYPE, 2,
                span("z", "a", "llm.chat", 50, 1_000, SpanStatus.OK, "gpt-4o", 10, 4, 0.25)));

        assertThat(next.spanCount()).isEqualTo(4);
        assertThat(next.inputTokens()).isEqualTo(40);
        assertThat(next.totalCost()).isEqualTo(0.75);
        assertThat(next.errorCount()).isEqualTo(1);
        assertThat(next.rootSpanName()).isEqualTo("agent.run");
        assertThat(next.durationMs()).isEqualTo(950);
        assertThat(next.models()).containsExactly("gpt-4o", "gpt-5");
    }

    @Test
    void aStateStoredWithRunningTotalsBeforeTheLlmDetailKeepsThem() {
        ObjectNode stored = (ObjectNode) Json.parse("""
                {"traceId":"t1","spanCount":7,"rootSpanName":"agent.run","startTimeMs":100,"endTimeMs":900,"durationMs":800,
                 "inputTokens":70,"outputTokens":14,"totalCost":0.7,"errorCount":1,"status":"ERROR","models":["gpt-5"],
                 "lastEventId":"evt-000000","lastEventAt":1,"sample":{},
                 "rest":{"count":7,"startTimeMs":100,"endTimeMs":900,"inputTokens":70,"outputTokens":14,"costNanos":700000000,
                         "errors":1,"root":{"spanId":"a","name":"agent.run","startTimeMs":100},"models":["gpt-5"]}}""");
        TraceSummary next = FOLD.apply(Json.fromNode(stored, TraceSummary.class), events.event("t1", SpanRecorded.TYPE, 2,
                span("z", "a", "llm.chat", 150, 1_000, SpanStatus.OK, "gpt-4o", 10, 4, 0.25)));

        assertThat(next.spanCount()).isEqualTo(8);
        assertThat(next.inputTokens()).isEqualTo(80);
        assertThat(next.outputTokens()).isEqualTo(18);
        assertThat(next.totalCost()).isEqualTo(0.95);
        assertThat(next.errorCount()).isEqualTo(1);
        assertThat(next.name()).isEqualTo("agent.run");
        assertThat(next.startTimeMs()).isEqualTo(100);
        assertThat(next.durationMs()).isEqualTo(900);
    }

    @Test
    void ignoresOtherEventTypes() {
        TraceSummary before = TestEvents.foldAll(FOLD, trace());
        assertThat(FOLD.apply(before, events.event("t1", "TraceArchived", 1, Json.object()))).isSameAs(before);
    }

    @Test
    void survivesTheFoldStoreRoundTrip() {
        TraceSummary summary = TestEvents.foldAll(FOLD, trace());
        assertThat(TestEvents.roundTrip(FOLD, summary)).isEqualTo(summary);
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutLastEvent(TraceSummary s) {
        return OtlpSpans.withoutLastEvent(s);
    }
}
