package dev.foldwork.pipelines.trace;

import static dev.foldwork.pipelines.CommandChecks.decide;
import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static dev.foldwork.pipelines.trace.OtlpSpans.T0;
import static dev.foldwork.pipelines.trace.OtlpSpans.attributes;
import static dev.foldwork.pipelines.trace.OtlpSpans.command;
import static dev.foldwork.pipelines.trace.OtlpSpans.llm;
import static dev.foldwork.pipelines.trace.OtlpSpans.recorded;
import static dev.foldwork.pipelines.trace.OtlpSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code record_spans}: one event per span of one trace, the GenAI and LangWatch attributes read into fields. */
class RecordSpansCommandTest {
    private final RecordSpansCommand command = new RecordSpansCommand(OtlpSpans.PRICES);

    @Test
    void oneEventPerSpanAllOnTheTracesStream() {
        List<EventDraft> drafts = decide(command, command(span("0000000000000001", null, "a", T0, T0 + 1),
                span("0000000000000002", "0000000000000001", "b", T0, T0 + 1)));
        assertThat(drafts).extracting(EventDraft::aggregateId).containsOnly(OtlpSpans.TRACE);
        assertThat(drafts).extracting(EventDraft::version).containsOnly(SpanRecorded.VERSION);
    }

    @Test
    void readsTheGenAiConventions() {
        ObjectNode call = llm("0000000000000001", null, T0, T0 + 900, "gpt-4o", 1_000, 200);
        attributes(call).put("gen_ai.response.model", "gpt-4o-2024-08-06").put("gen_ai.system", "openai")
                .put("gen_ai.usage.cache_read.input_tokens", "400").put("gen_ai.usage.reasoning_tokens", 30)
                .put("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"hi\"}]").put("gen_ai.completion", "hello")
                .put("gen_ai.conversation.id", "conv-1").put("enduser.id", "u-1").put("http.route", "/chat");
        SpanRecorded span = recorded(call);
        assertThat(span.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(span.provider()).isEqualTo("openai");
        assertThat(span.operation()).isEqualTo("chat");
        assertThat(span.kind()).isEqualTo(SpanKind.LLM);
        assertThat(span.inputTokens()).isEqualTo(1_000);
        assertThat(span.outputTokens()).isEqualTo(200);
        assertThat(span.cachedInputTokens()).isEqualTo(400);
        assertThat(span.reasoningTokens()).isEqualTo(30);
        assertThat(span.input()).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
        assertThat(span.output()).isEqualTo("hello");
        assertThat(span.threadId()).isEqualTo("conv-1");
        assertThat(span.userId()).isEqualTo("u-1");
        assertThat(span.startTimeMs()).isEqualTo(T0);
        assertThat(span.endTimeMs()).isEqualTo(T0 + 900);
        assertThat(span.attributes().path("http.route").asText()).isEqualTo("/chat");
        assertThat(span.attributes().has("gen_ai.request.model")).isFalse();
    }

    @Test
    void readsOlderNamesOpenInferenceAndLangWatchAttributes() {
        ObjectNode call = span("0000000000000001", null, "llm", T0, T0 + 1);
        attributes(call).put("llm.model_name", "claude-sonnet-4-5-20250929").put("gen_ai.usage.prompt_tokens", 10)
                .put("gen_ai.usage.completion_tokens", 3).put("gen_ai.usage.cache_read_input_tokens", 2)
                .put("input.value", "question").put("output.value", "answer").put("user.id", "u-2")
                .put("langwatch.thread.id", "t-9").put("langwatch.customer.id", "c-1").put("langwatch.prompt.id", "p-1")
                .put("langwatch.sdk.name", "langwatch-ts").put("langwatch.sdk.version", "1.2.3");
        attributes(call).putArray("tags").add("a").add("b");
        SpanRecorded span = recorded(call);
        assertThat(span.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(span.inputTokens()).isEqualTo(10);
        assertThat(span.outputTokens()).isEqualTo(3);
        assertThat(span.cachedInputTokens()).isEqualTo(2);
        assertThat(List.of(span.input(), span.output(), span.userId(), span.threadId(), span.customerId(), span.promptId()))
                .containsExactly("question", "answer", "u-2", "t-9", "c-1", "p-1");
        assertThat(span.labels()).containsExactly("a", "b");
        assertThat(span.sdkName()).isEqualTo("langwatch-ts");
        assertThat(span.sdkVersion()).isEqualTo("1.2.3");
        assertThat(span.costSource()).isEqualTo("prices@" + OtlpSpans.PRICES.version());
        assertThat(span.cost()).isEqualTo((8 * 3.0 + 2 * 0.3 + 3 * 15.0) / 1e6);
    }

    @Test
    void theSdksCostWinsOverThePriceTable() {
        ObjectNode call = llm("0000000000000001", null, T0, T0 + 1, "gpt-4o", 1_000, 1_000);
        attributes(call).put("gen_ai.usage.cost", 0.123);
        SpanRecorded span = recorded(call);
        assertThat(span.cost()).isEqualTo(0.123);
        assertThat(span.costSource()).isEqualTo(SpanRecorded.CostSource.SDK);
        SpanRecorded unknown = recorded(llm("0000000000000002", null, T0, T0 + 1, "my-local-llama", 1_000, 1_000));
        assertThat(unknown.cost()).isZero();
        assertThat(unknown.costSource()).isNull();
    }

    @Test
    void resourceAttributesNameTheSdkAndSpanAttributesComeFirst() {
        ObjectNode call = span("0000000000000001", null, "run", T0, T0 + 1);
        call.putObject("resource").put("telemetry.sdk.name", "opentelemetry").put("telemetry.sdk.version", "1.68.0")
                .put("user.id", "resource-user");
        attributes(call).put("user.id", "span-user");
        SpanRecorded span = recorded(call);
        assertThat(span.sdkName()).isEqualTo("opentelemetry");
        assertThat(span.sdkVersion()).isEqualTo("1.68.0");
        assertThat(span.userId()).isEqualTo("span-user");
    }

    @Test
    void contentIsCutNotRefused() {
        ObjectNode call = span("0000000000000001", null, "n".repeat(1_000), T0, T0 + 1);
        attributes(call).put("input.value", "x".repeat(100_000)).put("some.key", "v".repeat(5_000));
        SpanRecorded span = recorded(call);
        assertThat(span.input()).hasSize(SpanRecorded.MAX_CONTENT);
        assertThat(span.name()).hasSize(RecordSpanCommand.MAX_NAME);
        assertThat(span.attributes().path("some.key").asText()).hasSize(RecordSpanCommand.MAX_ATTRIBUTE_VALUE);
    }

    @Test
    void anExceptionEventOrTheErrorAttributeMakesTheSpanAnError() {
        ObjectNode failed = span("0000000000000001", null, "run", T0, T0 + 1);
        failed.putArray("events").addObject().put("name", "exception").putObject("attributes")
                .put("exception.type", "ValueError").put("exception.message", "bad input");
        assertThat(recorded(failed).status()).isEqualTo(SpanStatus.ERROR);
        assertThat(recorded(failed).errorMessage()).isEqualTo("ValueError: bad input");
        ObjectNode flagged = span("0000000000000002", null, "run", T0, T0 + 1);
        attributes(flagged).put("error.has_error", true);
        assertThat(recorded(flagged).status()).isEqualTo(SpanStatus.ERROR);
    }

    @Test
    void keepsSpansWithAZeroStartOrAnEndBeforeTheStart() {
        assertThat(recorded(span("0000000000000001", null, "zero", 0, T0)).startTimeMs()).isZero();
        assertThat(recorded(span("0000000000000002", null, "backwards", T0, T0 - 5)).hasValidTiming()).isFalse();
    }

    @Test
    void refusesBadIdsNamingTheSpan() {
        ObjectNode payload = command(span("0000000000000001", null, "ok", T0, T0 + 1),
                span("XYZ", null, "bad", T0, T0 + 1), span("0000000000000003", "0000000000000003", "self", T0, T0 + 1),
                span("0000000000000004", null, "kind", T0, T0 + 1).put("kind", "sideways"));
        payload.put("traceId", "00000000000000000000000000000000");
        assertThat(fieldErrors(command, payload)).extracting(FieldError::field)
                .containsExactly("traceId", "spans[1].spanId", "spans[2].parentSpanId", "spans[3].kind");
    }

    @Test
    void anIdIsItsLengthInLowercaseHexAndNotAllZero() {
        assertThat(RecordSpansCommand.isSpanId("0123456789abcdef")).isTrue();
        assertThat(RecordSpansCommand.isSpanId("0000000000000010")).isTrue();
        assertThat(RecordSpansCommand.isSpanId("0000000000000000")).isFalse();
        assertThat(RecordSpansCommand.isSpanId("0123456789ABCDEF")).as("uppercase").isFalse();
        assertThat(RecordSpansCommand.isSpanId("0123456789abcdeg")).isFalse();
        assertThat(RecordSpansCommand.isSpanId("0123456789abcde")).isFalse();
        assertThat(RecordSpansCommand.isSpanId("0123456789abcdef0")).isFalse();
        assertThat(RecordSpansCommand.isSpanId(null)).isFalse();
        assertThat(RecordSpansCommand.isTraceId("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(RecordSpansCommand.isTraceId("0".repeat(32))).isFalse();
        assertThat(RecordSpansCommand.isTraceId("0123456789abcdef")).as("a span id's length").isFalse();
        assertThat(RecordSpansCommand.isTraceId("0123456789abcdef0123456789abcde/")).isFalse();
    }

    @Test
    void refusesAnEmptyOrOversizedBatch() {
        assertThat(fieldErrors(command, command())).extracting(FieldError::field).containsExactly("spans");
    }
}
