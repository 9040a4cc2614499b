package dev.foldwork.pipelines.trace;

import static dev.foldwork.pipelines.CommandChecks.decide;
import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule of {@code record_span}. */
class RecordSpanCommandTest {
    private static final RecordSpanCommand HANDLER = new RecordSpanCommand();

    private static ObjectNode valid() {
        ObjectNode span = Json.object()
                .put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736").put("spanId", "00f067aa0ba902b7")
                .put("parentSpanId", "a1b2c3d4e5f60718").put("name", "llm.chat").put("kind", "llm")
                .put("startTimeMs", 1_000).put("endTimeMs", 1_450).put("status", "ok").put("model", "gpt-5")
                .put("inputTokens", 1200).put("outputTokens", 300).put("cost", 0.0045)
                .put("sdkName", "foldwork-python").put("sdkVersion", "1.0.0");
        span.putObject("attributes").put("user.id", "u-1").put("temperature", 0.2).put("stream", true);
        return span;
    }

    private static List<String> fields(ObjectNode payload) {
        return fieldErrors(HANDLER, payload).stream().map(FieldError::field).toList();
    }

    @Test
    void aValidSpanBecomesOneSpanRecordedEventOfItsTrace() {
        List<EventDraft> drafts = decide(HANDLER, valid());

        assertThat(drafts).hasSize(1);
        EventDraft draft = drafts.get(0);
        assertThat(draft.aggregateId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(draft.type()).isEqualTo(SpanRecorded.TYPE);
        assertThat(draft.version()).isEqualTo(SpanRecorded.VERSION);
        SpanRecorded span = Json.fromNode(draft.data(), SpanRecorded.class);
        assertThat(span.kind()).isEqualTo(SpanKind.LLM);
        assertThat(span.cost()).isEqualTo(0.0045);
        assertThat(span.attributes().get("stream").booleanValue()).isTrue();
    }

    @Test
    void namesEveryMissingRequiredField() {
        assertThat(fields(Json.object()))
                .containsExactlyInAnyOrder("traceId", "spanId", "name", "kind", "startTimeMs", "endTimeMs");
    }

    @Test
    void namesFieldsOfTheWrongType() {
        ObjectNode payload = valid().put("name", 12).put("startTimeMs", "yesterday").put("inputTokens", 1.5).put("cost", "cheap");
        assertThat(fields(payload)).containsExactlyInAnyOrder("name", "startTimeMs", "inputTokens", "cost");
    }

    @Test
    void refusesNegativeTokensAndCost() {
        ObjectNode payload = valid().put("inputTokens", -1).put("outputTokens", -20).put("cost", -0.5);
        List<FieldError> errors = fieldErrors(HANDLER, payload);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("inputTokens", "outputTokens", "cost");
        assertThat(errors.get(0).reason()).contains("at least 0").contains("-1");
    }

    @Test
    void refusesAnEndBeforeTheStart() {
        List<FieldError> errors = fieldErrors(HANDLER, valid().put("endTimeMs", 999));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("endTimeMs");
            assertThat(e.reason()).contains("before startTimeMs");
        });
    }

    @Test
    void refusesUnknownEnumValuesAndListsTheKnownOnes() {
        List<FieldError> errors = fieldErrors(HANDLER, valid().put("kind", "banana").put("status", "fine"));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("kind", "status");
        assertThat(errors).anySatisfy(e -> assertThat(e.reason()).contains("llm").contains("banana"));
    }

    @Test
    void refusesOversizedStrings() {
        ObjectNode payload = valid()
                .put("name", "n".repeat(RecordSpanCommand.MAX_NAME + 1))
                .put("model", "m".repeat(RecordSpanCommand.MAX_MODEL + 1))
                .put("errorMessage", "e".repeat(RecordSpanCommand.MAX_ERROR_MESSAGE + 1));
        assertThat(fields(payload)).containsExactlyInAnyOrder("name", "model", "errorMessage");
    }

    @Test
    void refusesIdsWithForbiddenCharactersOrTooLong() {
        ObjectNode payload = valid().put("spanId", "span id with spaces").put("traceId", "t".repeat(RecordSpanCommand.MAX_TRACE_ID + 1));
        assertThat(fields(payload)).containsExactlyInAnyOrder("spanId", "traceId");
    }

    @Test
    void refusesASpanThatIsItsOwnParent() {
        assertThat(fields(valid().put("parentSpanId", "00f067aa0ba902b7"))).containsExactly("parentSpanId");
    }

    @Test
    void refusesAttributesThatAreNotScalarOrTooMany() {
        ObjectNode nested = valid();
        nested.withObject("/attributes").putObject("nested").put("a", 1);
        assertThat(fields(nested)).containsExactly("attributes.nested");

        ObjectNode crowded = valid();
        ObjectNode attributes = crowded.putObject("attributes");
        for (int i = 0; i <= RecordSpanCommand.MAX_ATTRIBUTES; i++) {
            attributes.put("k" + i, i);
        }
        assertThat(fields(crowded)).containsExactly("attributes");
    }

    @Test
    void refusesAnSdkNameWithTheKeySeparator() {
        ObjectNode payload = valid().put("sdkName", "x@y").put("sdkVersion", "z");
        assertThat(fieldErrors(HANDLER, payload)).containsExactly(
                new FieldError("sdkName", "must not hold @, which separates it from the version"));
        assertThat(decide(HANDLER, valid().put("sdkName", "x").put("sdkVersion", "y@z"))).hasSize(1);
    }

    @Test
    void refusesAnSdkVersionWithoutAnSdkName() {
        ObjectNode payload = valid();
        payload.remove("sdkName");
        assertThat(fields(payload)).containsExactly("sdkName");
    }

    @Test
    void refusesAPayloadThatIsNotAnObject() {
        assertThat(fieldErrors(HANDLER, TextNode.valueOf("span"))).extracting(FieldError::field).containsExactly("$");
    }
}
