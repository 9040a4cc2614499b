package dev.foldwork.core.domain;

import java.util.regex.Pattern;

/**
 * The one place that decides which characters an identifier may hold. Ids end up in
 * workflow ids, Redis keys and ClickHouse WHERE clauses, so they are checked here,
 * before any of those sees them.
 */
public final class Ids {
    public static final int MAX_AGGREGATE_ID_LENGTH = 128;
    private static final Pattern AGGREGATE_ID = Pattern.compile("[A-Za-z0-9._:@-]+");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,127}");

    private Ids() {}

    /** An aggregate id: 1 to 128 of letters, digits and {@code . _ : @ -}. */
    public static String aggregateId(String field, String value) {
        if (isPlainAggregateId(value)) {
            return value; // the common case, checked without a regex: this runs for every event
        }
        return matching(field, value, AGGREGATE_ID, MAX_AGGREGATE_ID_LENGTH,
                "letters, digits and . _ : @ -");
    }

    private static boolean isPlainAggregateId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_AGGREGATE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A name of a pipeline, aggregate type or projection: lower snake case, up to 64 chars. */
    public static String name(String field, String value) {
        return matching(field, value, NAME, 64, "lower snake case starting with a letter");
    }

    /** An event or command type such as {@code SpanRecorded} or {@code trace.span_recorded}. */
    public static String eventType(String field, String value) {
        return matching(field, value, EVENT_TYPE, 128, "letters, digits, _ and . starting with a letter");
    }

    static String matching(String field, String value, Pattern pattern, int maxLength, String allowed) {
        if (value == null || value.isEmpty()) {
            throw new InvalidIdException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidIdException(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidIdException(field, "may hold only " + allowed);
        }
        return value;
    }
}
