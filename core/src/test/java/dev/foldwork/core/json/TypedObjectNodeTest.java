package dev.foldwork.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedObjectNodeTest {
    record Span(String id, List<String> labels) {}

    record OtherShape(String id) {}

    @Test
    void readingItAsTheClassItWasWrittenFromGivesTheValueItself() {
        Span span = new Span("s1", List.of("a"));
        JsonNode json = Json.toTypedNode(span);
        assertThat(json).isInstanceOf(TypedObjectNode.class).isEqualTo(Json.toNode(span));
        assertThat(Json.fromNode(json, Span.class)).isSameAs(span);
    }

    @Test
    void readingItAsAnotherClassReadsTheJson() {
        JsonNode json = Json.toTypedNode(new Span("s1", List.of("a")));
        assertThat(Json.fromNode(json, OtherShape.class)).isEqualTo(new OtherShape("s1"));
        assertThat(Json.fromNode(json, Map.class)).isEqualTo(Map.of("id", "s1", "labels", List.of("a")));
    }

    @Test
    void aValueThatIsNotAJsonObjectIsPlainJson() {
        assertThat(Json.toTypedNode(List.of("a"))).isNotInstanceOf(TypedObjectNode.class).isEqualTo(Json.toNode(List.of("a")));
    }

    @Test
    void itsWrittenJsonAndItsCopyArePlain() {
        JsonNode json = Json.toTypedNode(new Span("s1", List.of()));
        JsonNode copy = json.deepCopy();
        assertThat(copy).isNotInstanceOf(TypedObjectNode.class).isEqualTo(json);
        assertThat(Json.parse(Json.write(json))).isNotInstanceOf(TypedObjectNode.class).isEqualTo(json);
    }
}
