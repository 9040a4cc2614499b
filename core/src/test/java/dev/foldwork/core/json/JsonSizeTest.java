package dev.foldwork.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes count what goes on the wire: UTF-8 bytes of the JSON Jackson writes, not UTF-16 chars. */
class JsonSizeTest {
    @Test
    void countsUtf8BytesOfEveryKindOfCharacter() {
        for (String text : List.of("", "plain ascii", "é à ü", "€ 漢字", "😀 and 🧪")) {
            assertThat(JsonSize.utf8Bytes(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        // a lone surrogate is not valid UTF-16; counted as 3 bytes, never less than what an encoder writes for it
        assertThat(JsonSize.utf8Bytes("a\uD800b")).isEqualTo(5);
        assertThat(JsonSize.utf8Bytes("€".repeat(1_000))).isEqualTo(3_000);
    }

    @Test
    void countsAJsonTreeAsTheBytesJacksonWritesForIt() {
        ObjectNode node = Json.object().put("name", "é \"quoted\" \\ back\nline\ttab\u0001 😀").put("count", 42)
                .put("big", 12_345_678_901L).put("ratio", 0.125).put("negative", -7).put("yes", true).put("no", false)
                .putNull("none");
        node.putArray("list").add(1).add("two").add(Json.object()).addArray();
        node.putObject("nested").putObject("deeper").put("€", "漢字");
        node.putObject("empty");

        assertThat(JsonSize.jsonBytes(node)).isEqualTo(node.toString().getBytes(StandardCharsets.UTF_8).length);
        assertThat(JsonSize.jsonBytes(Json.object())).isEqualTo(2);
        assertThat(JsonSize.jsonBytes(node.get("list").get(3))).isEqualTo(2);
    }
}
