package dev.foldwork.pipelines.trace.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the last trace listed, by (start time, trace id). Opaque to clients:
 * base64url of {@code "<startTimeMs>:<traceId>"}.
 */
public record TraceCursor(long startTimeMs, String traceId) {
    /** Whether a trace at (startTimeMs, traceId) comes after this cursor in newest-first order. */
    public boolean isAfter(long otherStartTimeMs, String otherTraceId) {
        return otherStartTimeMs < startTimeMs || (otherStartTimeMs == startTimeMs && otherTraceId.compareTo(traceId) < 0);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startTimeMs + ":" + traceId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page gave; an {@link IllegalArgumentException} for anything else. */
    public static TraceCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0 && colon < text.length() - 1) {
                return new TraceCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one message below (NumberFormatException is one too)
        }
        throw new IllegalArgumentException("cursor \"" + cursor + "\" is not one a page of this listing gave");
    }
}
