package dev.foldwork.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What JSON takes in UTF-8, counted without writing it: the budgets that keep payloads below
 * Temporal's limits and the cut between references that carry their event and those that do not
 * ask for sizes of every event, often of the same ones.
 */
public final class JsonSize {
    private static final int REMEMBERED = 1024; // a power of two: slots are identity hashes masked by REMEMBERED - 1
    private static final AtomicReferenceArray<Sized> recent = new AtomicReferenceArray<>(REMEMBERED);

    private JsonSize() {}

    /**
     * The UTF-8 bytes of the node written as compact JSON, remembered for the last nodes asked
     * about (by identity): one workflow task sizes a batch's events for several budgets (the
     * task's, the maps', the inline reactions', the append group's), and sizing took a fifth of a
     * busy worker's CPU. Events and stored states are not changed once made, so a remembered size
     * stays right.
     */
    public static long utf8Bytes(JsonNode node) {
        int slot = System.identityHashCode(node) & (REMEMBERED - 1);
        Sized known = recent.get(slot);
        if (known != null && known.node() == node) {
            return known.bytes();
        }
        long bytes = jsonBytes(node);
        recent.set(slot, new Sized(node, bytes));
        return bytes;
    }

    private record Sized(JsonNode node, long bytes) {}

    /**
     * The UTF-8 bytes of the node written as compact JSON (as Jackson writes it), counted by walking
     * the tree instead of writing it out to a string first.
     */
    static long jsonBytes(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                long bytes = 2 + Math.max(0, node.size() - 1); // braces, commas
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    bytes += quotedBytes(field.getKey()) + 1 + jsonBytes(field.getValue());
                }
                return bytes;
            }
            case ARRAY -> {
                long bytes = 2 + Math.max(0, node.size() - 1);
                for (JsonNode item : node) {
                    bytes += jsonBytes(item);
                }
                return bytes;
            }
            case STRING -> {
                return quotedBytes(node.textValue());
            }
            case NUMBER -> {
                return node.asText().length();
            }
            case BOOLEAN -> {
                return node.booleanValue() ? 4 : 5;
            }
            case NULL -> {
                return 4;
            }
            default -> {
                return utf8Bytes(node.toString()); // binary and POJO nodes, which events do not hold
            }
        }
    }

    /** A JSON string literal: quotes, UTF-8 bytes, and the escapes JSON needs. */
    private static long quotedBytes(String text) {
        return 2 + textBytes(text, true);
    }

    /** An ASCII character as JSON writes it in a string: itself, a backslash and it, or a six-character unicode escape. */
    private static int escapedAscii(char c) {
        if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
            return 2;
        }
        return c < 0x20 ? 6 : 1;
    }

    /** What the text takes in UTF-8, the payloads' encoding, counted without encoding it. */
    public static long utf8Bytes(String text) {
        return textBytes(text, false);
    }

    /** The text's UTF-8 bytes, with JSON's escapes when {@code escaped}, in one pass. */
    private static long textBytes(String text, boolean escaped) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += escaped ? escapedAscii(c) : 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // one code point above the BMP, two chars
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
