package dev.foldwork.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The numbered schema changes, each applied once and recorded in {@code schema_migrations}.
 * Every statement is idempotent too, so two processes migrating at once do no harm.
 *
 * <p>The SQL keeps to what ClickHouse 18.16 and current versions both run: no DateTime64
 * (milliseconds are Int64), no LowCardinality, JSON or TTL. The tables have no PARTITION BY:
 * an insert of fewer than {@code max_insert_block_size} rows into one partition is one part,
 * written whole or not at all, which is what makes a failed append leave nothing visible.
 * Duplicates by {@code (stream, seq)} collapse in merges and are removed at read time with
 * {@code LIMIT 1 BY seq} until then.
 *
 * <p>{@code fold_states} (now only the source of migration 10) keeps the unused column {@code recent_event_ids} of the id-window
 * checkpoints: 18.16 has no {@code DROP COLUMN IF EXISTS}, so dropping it is not idempotent.
 */
final class ClickHouseMigrations {
    /** The first events table, ordered by time; migration 7 copies it into {@link #EVENT_LOG} with seqs. */
    static final String EVENTS = "events";
    static final String EVENT_LOG = "event_log";
    static final String STREAM_WRITES = "stream_writes";
    static final String FOLD_STREAM_POSITIONS = "fold_stream_positions";
    /** Per global fold key, the highest version positions were written for (filled by a view). */
    static final String FOLD_POSITION_HEADS = "fold_position_heads";
    /** The first fold states table, versioned by version alone; migration 10 copies it into {@link #FOLD_STATES}. */
    static final String UNRANKED_FOLD_STATES = "fold_states";
    static final String FOLD_STATES = "ranked_fold_states";
    /** The first map records table, without generations; migration 12 copies it into {@link #MAP_RECORDS}. */
    static final String UNVERSIONED_MAP_RECORDS = "map_records";
    static final String MAP_RECORDS = "map_records_by_generation";
    private static final String MIGRATIONS = "schema_migrations";

    private record Migration(int version, String description, String sql) {}

    private static final List<Migration> ALL = List.of(
            new Migration(1, "events", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        aggregate_type String,
                        aggregate_id String,
                        timestamp_ms Int64,
                        event_id String,
                        event_type String,
                        schema_version UInt32,
                        data String
                    ) ENGINE = ReplacingMergeTree()
                    ORDER BY (tenant_id, aggregate_type, aggregate_id, timestamp_ms, event_id)
                    """.replace("{table}", "{db}." + EVENTS)),
            new Migration(2, "fold states", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_key String,
                        version UInt64,
                        state String,
                        last_event_id Nullable(String),
                        last_event_timestamp_ms Int64,
                        recent_event_ids Array(String)
                    ) ENGINE = ReplacingMergeTree(version)
                    ORDER BY (tenant_id, projection, aggregate_key)
                    """.replace("{table}", "{db}." + UNRANKED_FOLD_STATES)),
            new Migration(3, "map records", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_id String,
                        timestamp_ms Int64,
                        event_id String,
                        data String
                    ) ENGINE = ReplacingMergeTree()
                    ORDER BY (tenant_id, projection, aggregate_id, timestamp_ms, event_id)
                    """.replace("{table}", "{db}." + UNVERSIONED_MAP_RECORDS)),
            new Migration(4, "event log by stream and seq", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        aggregate_type String,
                        aggregate_id String,
                        seq UInt64,
                        event_id String,
                        timestamp_ms Int64,
                        event_type String,
                        schema_version UInt32,
                        data String,
                        ingested_at_ms Int64 DEFAULT toInt64(now()) * 1000
                    ) ENGINE = ReplacingMergeTree()
                    ORDER BY (tenant_id, aggregate_type, aggregate_id, seq)
                    """.replace("{table}", "{db}." + EVENT_LOG)),
            // Catch-up's index: per insert and stream, the seqs written and when, ordered by time.
            new Migration(5, "stream writes", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        ingested_at_ms Int64,
                        tenant_id String,
                        aggregate_type String,
                        aggregate_id String,
                        first_seq UInt64,
                        last_seq UInt64
                    ) ENGINE = MergeTree()
                    ORDER BY (ingested_at_ms, tenant_id, aggregate_type, aggregate_id)
                    """.replace("{table}", "{db}." + STREAM_WRITES)),
            new Migration(6, "stream writes view", """
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.stream_writes_view TO {db}.stream_writes AS
                    SELECT max(ingested_at_ms) AS ingested_at_ms, tenant_id, aggregate_type, aggregate_id,
                           min(seq) AS first_seq, max(seq) AS last_seq
                    FROM {db}.event_log
                    GROUP BY tenant_id, aggregate_type, aggregate_id
                    """),
            // Each stream of the old table in (timestamp, id) order, numbered 1..n. Running it twice
            // writes the same rows, which collapse.
            new Migration(7, "copy events into the event log", """
                    INSERT INTO {db}.event_log (tenant_id, aggregate_type, aggregate_id, seq, event_id, timestamp_ms,
                                                event_type, schema_version, data)
                    SELECT tenant_id, aggregate_type, aggregate_id, seq, e.1, e.2, e.3, e.4, e.5
                    FROM (
                        SELECT tenant_id, aggregate_type, aggregate_id,
                               arraySort(x -> (x.2, x.1), groupArray((event_id, timestamp_ms, event_type, schema_version, data))) AS stream
                        FROM (SELECT * FROM {db}.events LIMIT 1 BY tenant_id, aggregate_type, aggregate_id, event_id)
                        GROUP BY tenant_id, aggregate_type, aggregate_id
                    ) ARRAY JOIN stream AS e, arrayEnumerate(stream) AS seq
                    """),
            new Migration(8, "global fold stream positions", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_key String,
                        aggregate_type String,
                        aggregate_id String,
                        fold_version UInt64,
                        seq UInt64
                    ) ENGINE = ReplacingMergeTree(seq)
                    ORDER BY (tenant_id, projection, aggregate_key, aggregate_type, aggregate_id, fold_version)
                    """.replace("{table}", "{db}." + FOLD_STREAM_POSITIONS)),
            // A rebuild's generation outranks every older state whatever its version: merges keep the
            // highest rank = generation << 40 | version (StoredFold.rank), as get does.
            new Migration(9, "fold states ranked by generation and version", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_key String,
                        generation UInt32,
                        version UInt64,
                        rank UInt64,
                        state String,
                        last_event_id Nullable(String),
                        last_event_timestamp_ms Int64
                    ) ENGINE = ReplacingMergeTree(rank)
                    ORDER BY (tenant_id, projection, aggregate_key)
                    """.replace("{table}", "{db}." + FOLD_STATES)),
            // Running it twice writes the same rows, which collapse.
            new Migration(10, "copy fold states into the ranked table as generation 0", """
                    INSERT INTO {db}.ranked_fold_states (tenant_id, projection, aggregate_key, generation, version, rank,
                                                         state, last_event_id, last_event_timestamp_ms)
                    SELECT tenant_id, projection, aggregate_key, 0, version, version, state, last_event_id,
                           last_event_timestamp_ms
                    FROM {db}.fold_states
                    """),
            // A map rebuild's rows outrank appends (generation 0), in reads and merges alike, and can
            // mark an event's record removed.
            new Migration(11, "map records by generation", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_id String,
                        timestamp_ms Int64,
                        event_id String,
                        data String,
                        generation UInt32,
                        removed UInt8
                    ) ENGINE = ReplacingMergeTree(generation)
                    ORDER BY (tenant_id, projection, aggregate_id, timestamp_ms, event_id)
                    """.replace("{table}", "{db}." + MAP_RECORDS)),
            // Running it twice writes the same rows, which collapse.
            new Migration(12, "copy map records into the table by generation as generation 0", """
                    INSERT INTO {db}.map_records_by_generation (tenant_id, projection, aggregate_id, timestamp_ms, event_id,
                                                                data, generation, removed)
                    SELECT tenant_id, projection, aggregate_id, timestamp_ms, event_id, data, 0, 0
                    FROM {db}.map_records
                    """),
            // A loader asks for positions above the stored version on every load: this answers
            // from one small row per key instead of scanning the key's positions.
            new Migration(13, "highest position version per global fold key", """
                    CREATE TABLE IF NOT EXISTS {table} (
                        tenant_id String,
                        projection String,
                        aggregate_key String,
                        fold_version UInt64
                    ) ENGINE = ReplacingMergeTree(fold_version)
                    ORDER BY (tenant_id, projection, aggregate_key)
                    """.replace("{table}", "{db}." + FOLD_POSITION_HEADS)),
            new Migration(14, "position heads view", """
                    CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.fold_position_heads_view TO {db}.fold_position_heads AS
                    SELECT tenant_id, projection, aggregate_key, max(fold_version) AS fold_version
                    FROM {db}.fold_stream_positions
                    GROUP BY tenant_id, projection, aggregate_key
                    """),
            new Migration(15, "position heads of positions written before the view", """
                    INSERT INTO {db}.fold_position_heads
                    SELECT tenant_id, projection, aggregate_key, max(fold_version)
                    FROM {db}.fold_stream_positions
                    GROUP BY tenant_id, projection, aggregate_key
                    """));

    private ClickHouseMigrations() {}

    static void apply(ClickHouseDatabase database) {
        database.execute("CREATE TABLE IF NOT EXISTS " + database.table(MIGRATIONS)
                + " (version UInt32, description String, applied_at_ms Int64)"
                + " ENGINE = ReplacingMergeTree() ORDER BY version");
        Set<Integer> applied = database.queryRows("SELECT version FROM " + database.table(MIGRATIONS)).stream()
                .map(row -> row.get("version").asInt())
                .collect(Collectors.toSet());
        for (Migration migration : ALL) {
            if (applied.contains(migration.version())) {
                continue;
            }
            database.execute(migration.sql().replace("{db}", database.settings().database()));
            JsonNode row = Json.object()
                    .put("version", migration.version())
                    .put("description", migration.description())
                    .put("applied_at_ms", System.currentTimeMillis());
            database.insertJsonRows(MIGRATIONS, (Json.write(row) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
