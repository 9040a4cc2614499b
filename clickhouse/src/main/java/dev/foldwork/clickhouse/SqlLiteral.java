package dev.foldwork.clickhouse;

/**
 * The one way a string value enters ClickHouse SQL text. ClickHouse 18.16 has no server-side
 * query parameters, so tenant ids, names and aggregate ids are written as quoted literals; they
 * are validated by {@link dev.foldwork.core.domain.Ids} first, and this escaping makes even an
 * unvalidated value a single literal. Event data never goes through here: it travels only in
 * insert bodies.
 */
public final class SqlLiteral {
    private SqlLiteral() {}

    /** {@code value} as a ClickHouse string literal in single quotes. */
    public static String quote(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '\'' -> literal.append("\\'");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                case '\0' -> literal.append("\\0");
                default -> literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }
}
