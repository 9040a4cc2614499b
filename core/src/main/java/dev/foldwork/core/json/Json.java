package dev.foldwork.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JSON mapping used for event data, fold state and map records. Every store and
 * every dispatch mode converts through here, so a state reads back the same wherever
 * it was written.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads untrusted input: a duplicate key or anything after the value is an error instead of
     * the last key or the first value winning silently.
     */
    private static final ObjectReader STRICT = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * What a malformed, overlong or CESU-8 UTF-8 sequence decodes to in {@link #parseStrict}: an
     * unpaired surrogate, which no valid text holds, so the payload check names its field.
     */
    private static final String MALFORMED = "\uDC80";

    private Json() {}

    /**
     * Parses untrusted UTF-8 bytes strictly: duplicate keys and trailing content are errors, and
     * each malformed byte sequence becomes an unpaired surrogate (Java's decoder refuses overlong
     * and CESU-8 forms), which the payload's Unicode check reports with the field that holds it.
     *
     * @throws IllegalArgumentException the bytes are not one JSON value
     */
    public static JsonNode parseStrict(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(MALFORMED);
        try {
            return STRICT.readTree(decoder.decode(ByteBuffer.wrap(utf8)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported " + e, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The value's JSON, which keeps the value itself when it is a JSON object ({@link TypedObjectNode}). */
    public static JsonNode toTypedNode(Object value) {
        JsonNode json = toNode(value);
        return json instanceof ObjectNode object ? new TypedObjectNode(object, value) : json;
    }

    /** The value of the JSON as {@code type}: the value itself when the JSON was written from one of that class ({@link TypedObjectNode}). */
    public static <T> T fromNode(JsonNode node, Class<T> type) {
        if (node instanceof TypedObjectNode typed && typed.value().getClass() == type) {
            return type.cast(typed.value());
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
