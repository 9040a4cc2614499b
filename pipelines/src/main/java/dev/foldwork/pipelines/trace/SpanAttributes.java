package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.foldwork.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of one span (and of its resource, read after the span's own), as OTLP sends
 * them: a flat object of dotted keys to scalars or arrays. Reads the first of several
 * conventional keys, tolerating the shapes SDKs really send (numbers as strings, lists as JSON
 * text), and remembers which keys it read so the rest can be kept as they came.
 */
final class SpanAttributes {
    private final JsonNode span;
    private final JsonNode resource;
    private final Set<String> read = new HashSet<>(128); // about 60 keys a span: no rehashing

    SpanAttributes(JsonNode span, JsonNode resource) {
        this.span = span == null ? MissingNode.getInstance() : span;
        this.resource = resource == null ? MissingNode.getInstance() : resource;
    }

    /** The first key, of the span or else of the resource, with a value. */
    Optional<JsonNode> first(String... keys) {
        Collections.addAll(read, keys);
        for (JsonNode source : new JsonNode[] {span, resource}) {
            for (String key : keys) {
                JsonNode value = source.get(key);
                if (value != null && !value.isNull() && !(value.isTextual() && value.textValue().isEmpty())) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** Text: a string as it is, an array or object as its JSON. */
    Optional<String> text(String... keys) {
        return first(keys).map(v -> v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : Json.write(v));
    }

    /** A count of at least 0: a whole number, or a string holding one (int64 in OTLP JSON). */
    long count(String... keys) {
        return first(keys).map(SpanAttributes::asLong).filter(v -> v >= 0).orElse(0L);
    }

    Optional<Double> decimal(String... keys) {
        return first(keys).flatMap(v -> {
            if (v.isNumber()) {
                return Optional.of(v.doubleValue());
            }
            try {
                return v.isTextual() ? Optional.of(Double.parseDouble(v.textValue().trim())) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).filter(Double::isFinite);
    }

    boolean flag(String... keys) {
        return first(keys).map(v -> v.isBoolean() ? v.booleanValue() : v.asText().equalsIgnoreCase("true")).orElse(false);
    }

    /** A list of strings: an array value, a JSON array in a string, or one plain string. */
    List<String> list(String... keys) {
        return first(keys).map(v -> {
            JsonNode array = v;
            if (v.isTextual() && v.textValue().trim().startsWith("[")) {
                try {
                    array = Json.parseStrict(v.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return List.of(v.textValue());
                }
            }
            List<String> values = new ArrayList<>();
            if (array.isArray()) {
                array.forEach(item -> {
                    if (item.isValueNode() && !item.asText().isEmpty()) {
                        values.add(item.asText());
                    }
                });
            } else if (array.isValueNode()) {
                values.add(array.asText());
            }
            return values;
        }).orElse(List.of());
    }

    /** Whether a key was asked for by one of the accessors, so it need not be kept again as a raw attribute. */
    boolean wasRead(String key) {
        return read.contains(key);
    }

    static long asLong(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return (long) v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
