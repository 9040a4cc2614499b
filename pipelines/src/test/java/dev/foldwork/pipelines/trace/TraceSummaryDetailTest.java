package dev.foldwork.pipelines.trace;

import static dev.foldwork.pipelines.trace.OtlpSpans.T0;
import static dev.foldwork.pipelines.trace.OtlpSpans.attributes;
import static dev.foldwork.pipelines.trace.OtlpSpans.llm;
import static dev.foldwork.pipelines.trace.OtlpSpans.span;
import static dev.foldwork.pipelines.trace.OtlpSpans.withoutLastEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace summary's LLM detail, one behaviour per test, from spans as OTLP sends them. */
class TraceSummaryDetailTest {
    private static final TraceSummaryFold FOLD = new TraceSummaryFold();
    private final TestEvents events = new TestEvents("trace");

    private TraceSummary fold(List<ObjectNode> spans) {
        return TestEvents.foldAll(FOLD, OtlpSpans.events(events, spans));
    }

    /** An agent run: root with input and output, an agent rollup, two calls, a failing tool, a span with a broken clock. */
    private static List<ObjectNode> agentRun() {
        ObjectNode root = span("00000000000000a1", null, "support.reply", T0, T0 + 5_000);
        attributes(root).put("langwatch.input", "where is my order?").put("langwatch.output", "root answer")
                .put("langwatch.user.id", "user-7").put("session.id", "thread-3").put("langwatch.customer.id", "acme")
                .put("langwatch.labels", "[\"prod\",\"beta\"]").put("telemetry.sdk.name", "langwatch-python")
                .put("telemetry.sdk.version", "0.9.0");
        ObjectNode agent = span("00000000000000b2", "00000000000000a1", "agent", T0 + 10, T0 + 4_900);
        attributes(agent).put("gen_ai.operation.name", "invoke_agent").put("gen_ai.usage.input_tokens", 1_500)
                .put("gen_ai.usage.output_tokens", 300);
        ObjectNode first = llm("00000000000000c3", "00000000000000b2", T0 + 100, T0 + 1_100, "gpt-4o-2024-08-06", 1_000, 200);
        attributes(first).put("gen_ai.usage.cache_read.input_tokens", 400).put("langwatch.prompt.id", "prompt-a")
                .put("output.value", "first draft");
        first.putArray("events").addObject().put("name", "first_token").put("timeUnixNano", (T0 + 400) * OtlpSpans.MS);
        ObjectNode second = llm("00000000000000d4", "00000000000000b2", T0 + 2_000, T0 + 4_000, "gpt-5-mini", 500, 100);
        attributes(second).put("gen_ai.usage.reasoning_tokens", 60).put("gen_ai.usage.cost", 0.5).put("langwatch.labels", "beta");
        ObjectNode tool = span("00000000000000e5", "00000000000000b2", "tool.search", T0 + 1_200, T0 + 1_900);
        tool.putArray("events").addObject().put("name", "exception").putObject("attributes")
                .put("exception.type", "TimeoutError").put("exception.message", "search took 30s");
        ObjectNode broken = span("00000000000000f6", "00000000000000a1", "clock.skew", 0, T0 + 90_000);
        return List.of(root, agent, first, second, tool, broken);
    }

    @Test
    void everyPermutationOfFiveSpansGivesTheSameSummary() {
        List<ObjectNode> spans = agentRun().subList(0, 5);
        JsonNode expected = withoutLastEvent(fold(spans));
        int[] tried = {0};
        permute(new ArrayList<>(spans), 0, order -> {
            assertThat(withoutLastEvent(fold(order))).as("order %s", order.stream().map(s -> s.get("spanId").asText()).toList())
                    .isEqualTo(expected);
            tried[0]++;
        });
        assertThat(tried[0]).isEqualTo(120);
    }

    @Test
    void everyPermutationOfARootlessTraceWithABrokenClockGivesTheSameSummary() {
        List<ObjectNode> spans = new ArrayList<>(agentRun().subList(1, 6));
        JsonNode expected = withoutLastEvent(fold(spans));
        permute(spans, 0, order -> assertThat(withoutLastEvent(fold(order))).isEqualTo(expected));
    }

    @Test
    void costComesFromThePriceTableUnlessTheSdkSentIt() {
        TraceSummary summary = fold(agentRun());
        // gpt-4o at 2.5/1.25/10 per million: 600 input, 400 cached, 200 output; the SDK's 0.5 for gpt-5-mini wins.
        double gpt4o = (600 * 2.5 + 400 * 1.25 + 200 * 10.0) / 1e6;
        assertThat(summary.totalCost()).isEqualTo(Math.round((gpt4o + 0.5) * 1e9) / 1e9);
    }

    @Test
    void aRollupSpansUsageIsNotCountedAgainOverItsCalls() {
        TraceSummary summary = fold(agentRun());
        assertThat(summary.inputTokens()).isEqualTo(1_500);
        assertThat(summary.outputTokens()).isEqualTo(300);
        assertThat(summary.cachedInputTokens()).isEqualTo(400);
        assertThat(summary.reasoningTokens()).isEqualTo(60);
    }

    @Test
    void aRollupSpansUsageCountsWhenNoCallReportedAny() {
        TraceSummary summary = fold(agentRun().subList(0, 2));
        assertThat(summary.inputTokens()).isEqualTo(1_500);
        assertThat(summary.outputTokens()).isEqualTo(300);
    }

    /** A parent named like no rollup operation that reports the sum of its calls, as some SDKs do. */
    private static List<ObjectNode> nestedPipeline() {
        ObjectNode root = span("00000000000000a1", null, "pipeline.run", T0, T0 + 5_000);
        attributes(root).put("gen_ai.usage.input_tokens", 1_600).put("gen_ai.usage.output_tokens", 320);
        ObjectNode step = span("00000000000000b2", "00000000000000a1", "step.plan", T0 + 10, T0 + 2_000);
        attributes(step).put("gen_ai.usage.input_tokens", 1_000).put("gen_ai.usage.output_tokens", 200);
        ObjectNode planCall = llm("00000000000000c3", "00000000000000b2", T0 + 20, T0 + 1_900, "gpt-4o", 1_000, 200);
        ObjectNode answerCall = llm("00000000000000d4", "00000000000000a1", T0 + 2_100, T0 + 4_900, "gpt-4o", 600, 120);
        ObjectNode planCallAgain = planCall.deepCopy();
        return List.of(root, step, planCall, answerCall, planCallAgain);
    }

    @Test
    void aParentOfAnyNameIsNotCountedOverTheUsageOfItsChildren() {
        TraceSummary summary = fold(nestedPipeline());
        assertThat(summary.inputTokens()).isEqualTo(1_600);
        assertThat(summary.outputTokens()).isEqualTo(320);
        assertThat(summary.totalCost()).isEqualTo(Math.round((1_600 * 2.5 + 320 * 10.0) / 1e6 * 1e9) / 1e9);
    }

    @Test
    void everyPermutationOfNestedParentsWithUsageAndARepeatedCallGivesTheSameSummary() {
        List<ObjectNode> spans = nestedPipeline();
        JsonNode expected = withoutLastEvent(fold(spans));
        int[] tried = {0};
        permute(new ArrayList<>(spans), 0, order -> {
            TraceSummary summary = fold(order);
            assertThat(withoutLastEvent(summary)).isEqualTo(expected);
            assertThat(summary.inputTokens()).isEqualTo(1_600);
            tried[0]++;
        });
        assertThat(tried[0]).isEqualTo(120);
    }

    /** A parent over {@code calls} calls of 10 input tokens each, reporting their sum under {@code operation}. */
    private static List<ObjectNode> parentOverCalls(int calls, String operation) {
        List<ObjectNode> spans = new ArrayList<>();
        ObjectNode parent = span("00000000000000aa", null, "pipeline.run", T0, T0 + 10_000);
        attributes(parent).put("gen_ai.usage.input_tokens", 10 * calls);
        if (operation != null) {
            attributes(parent).put("gen_ai.operation.name", operation);
        }
        spans.add(parent);
        for (int i = 1; i <= calls; i++) {
            spans.add(llm(String.format("%016x", 0x1000 + i), "00000000000000aa", T0 + i, T0 + i + 5, "gpt-5-mini", 10, 0));
        }
        return spans;
    }

    @Test
    void upToTheBoundStructureDecidesInAnyOrder() {
        List<ObjectNode> spans = new ArrayList<>(parentOverCalls(UsageSpans.MAX_SPANS - 1, null));
        JsonNode expected = withoutLastEvent(fold(spans));
        for (int seed = 0; seed < 20; seed++) {
            java.util.Collections.shuffle(spans, new java.util.Random(seed));
            assertThat(withoutLastEvent(fold(spans))).isEqualTo(expected);
        }
        assertThat(fold(spans).inputTokens()).isEqualTo(10 * (UsageSpans.MAX_SPANS - 1));
    }

    @Test
    void beyondTheBoundTheOperationNameDecidesInAnyOrderAndTheStateStaysSmall() {
        List<ObjectNode> named = new ArrayList<>(parentOverCalls(UsageSpans.MAX_SPANS, "chain"));
        JsonNode expected = withoutLastEvent(fold(named));
        for (int seed = 0; seed < 20; seed++) {
            java.util.Collections.shuffle(named, new java.util.Random(seed));
            assertThat(withoutLastEvent(fold(named))).isEqualTo(expected);
        }
        TraceSummary summary = fold(named);
        assertThat(summary.inputTokens()).isEqualTo(10 * UsageSpans.MAX_SPANS);
        assertThat(summary.rest().usageSpans().spans()).hasSizeLessThanOrEqualTo(UsageSpans.MAX_SPANS);
        assertThat(fold(parentOverCalls(3 * UsageSpans.MAX_SPANS, "chain")).rest().usageSpans()).isEqualTo(UsageSpans.OVERFLOWED);
        // an unnamed parent beyond the bound counts again: the documented limit of the fallback
        assertThat(fold(parentOverCalls(UsageSpans.MAX_SPANS, null)).inputTokens()).isEqualTo(2 * 10 * UsageSpans.MAX_SPANS);
    }

    @Test
    void timeToFirstAndLastTokenAndTokensPerSecond() {
        TraceSummary summary = fold(agentRun());
        assertThat(summary.timeToFirstTokenMs()).isEqualTo(400);
        assertThat(summary.timeToLastTokenMs()).isEqualTo(4_000);
        // 300 output tokens over 700 ms (first token to end) + 2,000 ms (no first token: start to end).
        assertThat(summary.tokensPerSecond()).isEqualTo(Math.round(300 * 100_000.0 / 2_700) / 100.0);
    }

    @Test
    void timeToFirstTokenFromTheServersAttributeOrLangWatchTimestamps() {
        ObjectNode server = llm("0000000000000001", null, T0, T0 + 1_000, "gpt-5", 10, 10);
        attributes(server).put("gen_ai.server.time_to_first_token", 0.25);
        assertThat(fold(List.of(server)).timeToFirstTokenMs()).isEqualTo(250);

        ObjectNode langwatch = llm("0000000000000002", null, T0, T0 + 1_000, "gpt-5", 10, 10);
        attributes(langwatch).put("langwatch.timestamps", "{\"started_at\":" + T0 + ",\"first_token_at\":" + (T0 + 120) + "}");
        assertThat(fold(List.of(langwatch)).timeToFirstTokenMs()).isEqualTo(120);
        assertThat(fold(List.of(span("0000000000000003", null, "no.tokens", T0, T0 + 5))).timeToFirstTokenMs()).isNull();
    }

    @Test
    void inputIsTheRootsAndOutputTheLastEndingSpans() {
        TraceSummary summary = fold(agentRun());
        assertThat(summary.input()).isEqualTo("where is my order?");
        assertThat(summary.output()).isEqualTo("root answer");

        TraceSummary withoutRootOutput = fold(List.of(agentRun().get(2), span("00000000000000a1", null, "run", T0, T0 + 500)));
        assertThat(withoutRootOutput.output()).isEqualTo("first draft");
    }

    @Test
    void inputAndOutputAreCapped() {
        ObjectNode root = span("0000000000000001", null, "run", T0, T0 + 1);
        attributes(root).put("input.value", "i".repeat(50_000)).put("output.value", "o".repeat(50_000));
        TraceSummary summary = fold(List.of(root));
        assertThat(summary.input()).hasSize(TraceSummary.MAX_IO);
        assertThat(summary.output()).hasSize(TraceSummary.MAX_IO);
        assertThat(Json.write(Json.toNode(summary)).getBytes(StandardCharsets.UTF_8).length).isLessThan(4 * TraceSummary.MAX_IO + 4_000);
    }

    @Test
    void metadataUserThreadCustomerLabelsPromptsSdkAndModelsMostRecentFirst() {
        TraceSummary summary = fold(agentRun());
        assertThat(summary.userId()).isEqualTo("user-7");
        assertThat(summary.threadId()).isEqualTo("thread-3");
        assertThat(summary.customerId()).isEqualTo("acme");
        assertThat(summary.labels()).containsExactly("beta", "prod");
        assertThat(summary.promptIds()).containsExactly("prompt-a");
        assertThat(summary.sdkName()).isEqualTo("langwatch-python");
        assertThat(summary.sdkVersion()).isEqualTo("0.9.0");
        assertThat(summary.models()).containsExactly("gpt-5-mini", "gpt-4o-2024-08-06");
    }

    @Test
    void errorsFromStatusTheErrorAttributeAndExceptionEvents() {
        ObjectNode status = span("0000000000000001", null, "run", T0, T0 + 10).put("status", "error").put("statusMessage", "bad gateway");
        ObjectNode flagged = span("0000000000000002", "0000000000000001", "step", T0 + 1, T0 + 2);
        attributes(flagged).put("error.has_error", true).put("error.message", "flagged");
        TraceSummary summary = fold(List.of(status, flagged, agentRun().get(4)));
        assertThat(summary.errorCount()).isEqualTo(3);
        assertThat(summary.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(summary.errorMessage()).isEqualTo("bad gateway");

        assertThat(fold(List.of(agentRun().get(4))).errorMessage()).isEqualTo("TimeoutError: search took 30s");
        assertThat(fold(List.of(flagged)).errorMessage()).isEqualTo("flagged");
    }

    @Test
    void theNameIsTheRootsElseTheEarliestSpans() {
        assertThat(fold(agentRun()).name()).isEqualTo("support.reply");
        TraceSummary rootless = fold(agentRun().subList(1, 6));
        assertThat(rootless.rootSpanName()).isNull();
        assertThat(rootless.name()).isEqualTo("agent");
    }

    @Test
    void aRenameSticksWhateverArrivesBeforeOrAfterIt() {
        List<Event> spans = OtlpSpans.events(events, agentRun());
        Event rename = events.event(OtlpSpans.TRACE, TraceRenamed.TYPE, 1, new TraceRenamed(OtlpSpans.TRACE, "refund request"));
        Event later = events.event(OtlpSpans.TRACE, TraceRenamed.TYPE, 1, new TraceRenamed(OtlpSpans.TRACE, "refund, escalated"));
        List<Event> renameFirst = new ArrayList<>(List.of(rename));
        renameFirst.addAll(spans);
        assertThat(TestEvents.foldAll(FOLD, renameFirst).name()).isEqualTo("refund request");
        List<Event> both = new ArrayList<>(spans);
        both.add(later);
        both.add(0, rename);
        assertThat(TestEvents.foldAll(FOLD, both).name()).isEqualTo("refund, escalated");
        assertThat(TestEvents.foldAll(FOLD, List.of(later, rename)).name()).isEqualTo("refund, escalated");
    }

    @Test
    void spansWithoutUsableTimestampsNeverDragTheTimingButStillCount() {
        ObjectNode zero = span("00000000000000aa", "00000000000000a1", "zero.start", 0, T0 + 60_000);
        ObjectNode backwards = span("00000000000000bb", "00000000000000a1", "backwards", T0 + 9_000, T0 - 9_000);
        attributes(backwards).put("gen_ai.usage.input_tokens", 7);
        TraceSummary summary = fold(List.of(agentRun().get(0), zero, backwards));
        assertThat(summary.startTimeMs()).isEqualTo(T0);
        assertThat(summary.endTimeMs()).isEqualTo(T0 + 5_000);
        assertThat(summary.durationMs()).isEqualTo(5_000);
        assertThat(summary.spanCount()).isEqualTo(3);
        assertThat(summary.inputTokens()).isEqualTo(7);
    }

    @Test
    void survivesTheFoldStoreRoundTrip() {
        TraceSummary summary = fold(agentRun());
        assertThat(TestEvents.roundTrip(FOLD, summary)).isEqualTo(summary);
    }

    @Test
    void manySpansKeepTheStateBoundedAndTheTotalsWhole() {
        List<ObjectNode> spans = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            ObjectNode call = llm(String.format("%016x", i), null, T0 + i, T0 + i + 10, "gpt-5-mini", 10, 5);
            attributes(call).put("input.value", "x".repeat(5_000)).put("langwatch.labels", "[\"l" + (i % 50) + "\"]");
            spans.add(call);
        }
        TraceSummary summary = fold(spans);
        assertThat(summary.spanCount()).isEqualTo(300);
        assertThat(summary.inputTokens()).isEqualTo(3_000);
        assertThat(summary.labels()).hasSize(SpanTotals.MAX_LABELS);
        assertThat(Json.write(Json.toNode(summary)).getBytes(StandardCharsets.UTF_8).length).isLessThan(24_000);
    }

    private static void permute(List<ObjectNode> spans, int from, java.util.function.Consumer<List<ObjectNode>> each) {
        if (from == spans.size()) {
            each.accept(List.copyOf(spans));
            return;
        }
        for (int i = from; i < spans.size(); i++) {
            java.util.Collections.swap(spans, from, i);
            permute(spans, from + 1, each);
            java.util.Collections.swap(spans, from, i);
        }
    }
}
