package dev.foldwork.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text a store could refuse or alter never passes a payload: unpaired surrogates, whether sent as
 * {@code \\uD800} escapes or as malformed, overlong or CESU-8 bytes, are named by their field.
 */
class PayloadUnicodeTest {
    private static byte[] json(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<String> fieldsAtFault(byte[] body) {
        return new Payload(Json.parseStrict(body)).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void anEscapedUnpairedSurrogateIsNamed() {
        byte[] body = "{\"name\":\"a\\ud800b\",\"ok\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(fieldsAtFault(body)).containsExactly("name");
    }

    @Test
    void cesu8BytesAreNamed() {
        assertThat(fieldsAtFault(json("{\"name\":\"a", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}")))
                .containsExactly("name");
    }

    @Test
    void anOverlongSlashIsNotDecodedToASlash() {
        byte[] body = json("{\"attributes\":{\"path\":\"a", new byte[] {(byte) 0xC0, (byte) 0xAF}, "b\"}}");
        assertThat(Json.parseStrict(body).path("attributes").path("path").textValue()).doesNotContain("/");
        assertThat(fieldsAtFault(body)).containsExactly("attributes.path");
    }

    @Test
    void nestedValuesAndKeysAreChecked() {
        byte[] body = "{\"tags\":[\"ok\",\"\\udc00\"],\"attributes\":{\"\\ud800\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThat(fieldsAtFault(body)).containsExactly("tags[1]", "attributes");
        byte[] deep = "{\"spans\":[{},{\"attributes\":{\"k\":[[\"\\udc00\"]]}}],\"\\ud800\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(fieldsAtFault(deep)).containsExactly("spans[1].attributes.k[0][0]", "$");
    }

    @Test
    void validTextPassesUntouched() {
        String text = "{\"name\":\"naïve 日本 😀 \\u0000 \\\"q\\\"\"}";
        assertThat(fieldsAtFault(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Json.parseStrict(text.getBytes(StandardCharsets.UTF_8)).path("name").textValue()).isEqualTo("naïve 日本 😀 \u0000 \"q\"");
    }
}
