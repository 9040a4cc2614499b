package dev.foldwork.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Untrusted JSON is read strictly: no key given twice, nothing after the value. */
class JsonStrictTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThatThrownBy(() -> Json.parseStrict(utf8("{\"a\":1,\"a\":2}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parseStrict(utf8("{\"o\":{\"b\":1,\"b\":1}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'b'");
    }

    @Test
    void trailingContentIsAnError() {
        for (String text : new String[] {"{\"a\":1} {\"a\":2}", "{\"a\":1}x", "{\"a\":1}]"}) {
            assertThatThrownBy(() -> Json.parseStrict(utf8(text))).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("malformed JSON");
        }
    }

    @Test
    void oneValueWithWhitespaceAroundIsFine() {
        assertThat(Json.parseStrict(utf8("  {\"a\":1}\n")).path("a").asInt()).isEqualTo(1);
    }
}
