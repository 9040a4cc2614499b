package dev.foldwork.clickhouse;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the ClickHouse stores reach the server and batch their inserts.
 *
 * @param url               the HTTP endpoint, such as {@code http://127.0.0.1:8123}
 * @param database          where the stores' tables live; created when missing
 * @param compressResponses ask the server to compress responses; turn it off for ClickHouse
 *                          18.16, whose compressed HTTP responses arrive empty
 * @param batchRows         a buffered writer sends its insert once this many rows wait
 * @param flushInterval     ... or once the oldest waiting row has waited this long
 * @param maxWait           the longest a synchronous write waits for its rows to be written
 *                          before it fails; rows still waiting then are withdrawn, never written
 * @param socketTimeout     how long one HTTP request may go without an answer
 */
public record ClickHouseSettings(
        String url,
        String username,
        String password,
        String database,
        boolean compressResponses,
        int batchRows,
        Duration flushInterval,
        Duration maxWait,
        Duration socketTimeout) {

    /**
     * A ClickHouse insert of up to {@code max_insert_block_size} (1,048,576) rows is written as one
     * block, all or nothing; a batch stays below that so a failed insert leaves nothing behind.
     */
    public static final int MAX_BATCH_ROWS = 1_000_000;

    private static final Pattern DATABASE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern URL = Pattern.compile("https?://[^/?#\\s]+/?");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("ClickHouse url must be http(s)://host:port, was \"" + url + "\"");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("ClickHouse database must be lower snake case, at most 64 characters, was \""
                    + database + "\"");
        }
        if (batchRows < 1 || batchRows > MAX_BATCH_ROWS) {
            throw new IllegalArgumentException("batchRows must be 1 to " + MAX_BATCH_ROWS + ", was " + batchRows);
        }
        requirePositive("flushInterval", flushInterval);
        requirePositive("maxWait", maxWait);
        requirePositive("socketTimeout", socketTimeout);
    }

    /** Defaults for a current server: user {@code default} without password, database {@code foldwork}. */
    public static ClickHouseSettings of(String url) {
        return new ClickHouseSettings(url, "default", "", "foldwork", true, 10_000,
                Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    public ClickHouseSettings withDatabase(String database) {
        return new ClickHouseSettings(url, username, password, database, compressResponses, batchRows,
                flushInterval, maxWait, socketTimeout);
    }

    public ClickHouseSettings withCredentials(String username, String password) {
        return new ClickHouseSettings(url, username, password, database, compressResponses, batchRows,
                flushInterval, maxWait, socketTimeout);
    }

    public ClickHouseSettings withCompressResponses(boolean compressResponses) {
        return new ClickHouseSettings(url, username, password, database, compressResponses, batchRows,
                flushInterval, maxWait, socketTimeout);
    }

    public ClickHouseSettings withBatching(int batchRows, Duration flushInterval, Duration maxWait) {
        return new ClickHouseSettings(url, username, password, database, compressResponses, batchRows,
                flushInterval, maxWait, socketTimeout);
    }

    public ClickHouseSettings withSocketTimeout(Duration socketTimeout) {
        return new ClickHouseSettings(url, username, password, database, compressResponses, batchRows,
                flushInterval, maxWait, socketTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
