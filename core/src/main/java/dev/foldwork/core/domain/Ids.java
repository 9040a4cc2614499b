package dev.foldwork.core.domain;

/**
 * The one place that decides which characters an identifier may hold. Ids end up in workflow
 * ids, Redis keys and ClickHouse WHERE clauses, so they are checked here, before any of those
 * sees them. The checks run for every event, so they are plain loops rather than regexes.
 */
public final class Ids {
    public static final int MAX_AGGREGATE_ID_LENGTH = 128;

    private Ids() {}

    /** ASCII characters an aggregate id may hold: a table, since every {@link StreamId} made checks its id. */
    private static final boolean[] AGGREGATE_ID_CHARS = new boolean[128];

    static {
        for (char c = 0; c < AGGREGATE_ID_CHARS.length; c++) {
            AGGREGATE_ID_CHARS[c] = isAggregateIdChar(c);
        }
    }

    /** An aggregate id: 1 to 128 of letters, digits and {@code . _ : @ -}. */
    public static String aggregateId(String field, String value) {
        if (value != null && !value.isEmpty() && value.length() <= MAX_AGGREGATE_ID_LENGTH && allAggregateIdChars(value)) {
            return value;
        }
        return checked(field, value, MAX_AGGREGATE_ID_LENGTH, "letters, digits and . _ : @ -",
                Ids::isAggregateIdChar, Ids::isAggregateIdChar); // throws, naming what is wrong
    }

    private static boolean allAggregateIdChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= AGGREGATE_ID_CHARS.length || !AGGREGATE_ID_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /** A name of a pipeline, aggregate type, command or projection: lower snake case, up to 64 chars. */
    public static String name(String field, String value) {
        return checked(field, value, 64, "lower snake case starting with a letter",
                c -> c >= 'a' && c <= 'z', c -> (c >= 'a' && c <= 'z') || isDigit(c) || c == '_');
    }

    /** An event type such as {@code SpanRecorded} or {@code trace.span_recorded}. */
    public static String eventType(String field, String value) {
        return checked(field, value, 128, "letters, digits, _ and . starting with a letter",
                Ids::isLetter, c -> isLetter(c) || isDigit(c) || c == '_' || c == '.');
    }

    /** A tenant id: 1 to 64 of letters, digits, _ and -. */
    static String tenantId(String field, String value) {
        return checked(field, value, 64, "letters, digits, _ and -",
                Ids::isTenantChar, Ids::isTenantChar);
    }

    private interface CharRule {
        boolean allows(char c);
    }

    private static String checked(String field, String value, int maxLength, String allowed, CharRule first, CharRule rest) {
        if (value == null || value.isEmpty()) {
            throw new InvalidIdException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidIdException(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        if (!first.allows(value.charAt(0))) {
            throw new InvalidIdException(field, "may hold only " + allowed);
        }
        for (int i = 1; i < value.length(); i++) {
            if (!rest.allows(value.charAt(i))) {
                throw new InvalidIdException(field, "may hold only " + allowed);
            }
        }
        return value;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAggregateIdChar(char c) {
        return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
    }

    private static boolean isTenantChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_' || c == '-';
    }
}
