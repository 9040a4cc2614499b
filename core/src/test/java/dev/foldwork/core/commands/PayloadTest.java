package dev.foldwork.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadTest {
    enum Kind { SERVER, CLIENT }

    private static Payload payload(String json) {
        return new Payload(Json.parse(json));
    }

    private static List<FieldError> errors(Payload payload) {
        return payload.errors();
    }

    @Test
    void readsValidFields() {
        Payload p = payload("{\"id\":\"t-1\",\"name\":\"x\",\"n\":3,\"cost\":0.5,\"ok\":true,\"kind\":\"client\",\"tags\":[\"a\"]}");
        assertThat(p.requiredId("id")).isEqualTo("t-1");
        assertThat(p.requiredString("name", 10)).isEqualTo("x");
        assertThat(p.requiredLong("n", 0)).isEqualTo(3);
        assertThat(p.requiredDouble("cost", 0)).isEqualTo(0.5);
        assertThat(p.requiredBoolean("ok")).isTrue();
        assertThat(p.requiredEnum("kind", Kind.class, Kind.SERVER)).isEqualTo(Kind.CLIENT);
        assertThat(p.stringList("tags", 5, 10, true)).containsExactly("a");
        assertThat(p.optionalString("missing", 10)).isEmpty();
        p.validate();
    }

    @Test
    void missingFieldIsNamed() {
        Payload p = payload("{}");
        p.requiredString("name", 10);
        assertThat(errors(p)).containsExactly(new FieldError("name", "is required"));
    }

    @Test
    void wrongTypeIsNamed() {
        Payload p = payload("{\"n\":\"three\",\"name\":5}");
        p.requiredLong("n", 0);
        p.requiredString("name", 10);
        assertThat(errors(p)).containsExactly(
                new FieldError("n", "must be a whole number"),
                new FieldError("name", "must be a string"));
    }

    @Test
    void negativeNumberIsNamed() {
        Payload p = payload("{\"tokens\":-1}");
        p.requiredLong("tokens", 0);
        assertThat(errors(p)).containsExactly(new FieldError("tokens", "must be at least 0, was -1"));
    }

    @Test
    void oversizedStringIsNamed() {
        ObjectNode json = Json.object().put("name", "x".repeat(11));
        Payload p = new Payload(json);
        p.requiredString("name", 10);
        assertThat(errors(p)).containsExactly(new FieldError("name", "must be at most 10 characters, was 11"));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        Payload p = payload("{\"kind\":\"sideways\"}");
        p.requiredEnum("kind", Kind.class, Kind.SERVER);
        assertThat(errors(p)).containsExactly(new FieldError("kind", "must be one of [server, client], was \"sideways\""));
    }

    @Test
    void badIdIsNamed() {
        Payload p = payload("{\"traceId\":\"a'; DROP TABLE events --\"}");
        p.requiredId("traceId");
        assertThat(errors(p)).extracting(FieldError::field).containsExactly("traceId");
    }

    @Test
    void nonObjectPayloadIsRefused() {
        assertThat(errors(payload("[1,2]"))).containsExactly(new FieldError("$", "payload must be a JSON object"));
    }

    @Test
    void crossFieldRuleAndAllErrorsInOneException() {
        Payload p = payload("{\"start\":10,\"end\":5}");
        long start = p.requiredLong("start", 0);
        long end = p.requiredLong("end", 0);
        p.check(end >= start, "end", "must not be before start");
        p.requiredString("name", 10);
        assertThatThrownBy(p::validate)
                .isInstanceOf(CommandValidationException.class)
                .hasMessage("invalid command: end: must not be before start; name: is required");
    }
}
