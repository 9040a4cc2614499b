package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload budgets count what goes on the wire: UTF-8 bytes, not UTF-16 chars. */
class PayloadSizeTest {
    @Test
    void countsUtf8BytesOfEveryKindOfCharacter() {
        for (String text : List.of("", "plain ascii", "é à ü", "€ 漢字", "😀 and 🧪")) {
            assertThat(PayloadSize.utf8Bytes(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        // a lone surrogate is not valid UTF-16; counted as 3 bytes, never less than what an encoder writes for it
        assertThat(PayloadSize.utf8Bytes("a\uD800b")).isEqualTo(5);
        assertThat(PayloadSize.utf8Bytes("€".repeat(1_000))).isEqualTo(3_000);
    }
}
