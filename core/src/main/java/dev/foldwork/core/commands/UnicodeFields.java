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
        walk(root, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            int at = firstInvalid(node.textValue());
            if (at >= 0) {
                errors.add(new FieldError(path, "must be valid Unicode text; character " + at
                        + " is an unpaired surrogate or a malformed UTF-8 sequence"));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (firstInvalid(field.getKey()) >= 0) {
                    errors.add(new FieldError(path.isEmpty() ? "$" : path, "has a key that is not valid Unicode text"));
                    continue;
                }
                walk(field.getValue(), name, errors);
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
