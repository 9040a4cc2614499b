package dev.foldwork.core.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds every string and key of a payload that is not valid Unicode (an unpaired UTF-16
 * surrogate, which is also what a malformed, overlong or CESU-8 byte sequence becomes when
 * {@code Json.parseStrict} reads it). A store may refuse such text or change it, so it never
 * gets past the command.
 */
final class UnicodeFields {
    private UnicodeFields() {}

    static List<FieldError> check(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        walk(root, null, errors);
        return errors;
    }

    /**
     * Where a value is: its parent's path and its key or index. Written out only for an error, so a
     * payload of valid text (nearly all of them) builds no path strings.
     */
    private record Path(Path parent, String key, int index) {
        static Path of(Path parent, String key) {
            return new Path(parent, key, -1);
        }

        static Path of(Path parent, int index) {
            return new Path(parent, null, index);
        }

        static String render(Path path) {
            if (path == null) {
                return "";
            }
            String parent = render(path.parent);
            if (path.key == null) {
                return parent + "[" + path.index + "]";
            }
            return parent.isEmpty() ? path.key : parent + "." + path.key;
        }
    }

    private static void walk(JsonNode node, Path path, List<FieldError> errors) {
        if (node.isTextual()) {
            int at = firstInvalid(node.textValue());
            if (at >= 0) {
                errors.add(new FieldError(Path.render(path), "must be valid Unicode text; character " + at
                        + " is an unpaired surrogate or a malformed UTF-8 sequence"));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), Path.of(path, i), errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (firstInvalid(field.getKey()) >= 0) {
                    errors.add(new FieldError(path == null ? "$" : Path.render(path), "has a key that is not valid Unicode text"));
                    continue;
                }
                walk(field.getValue(), Path.of(path, field.getKey()), errors);
            }
        }
    }

    /** The index of the first unpaired surrogate, or -1. */
    static int firstInvalid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
