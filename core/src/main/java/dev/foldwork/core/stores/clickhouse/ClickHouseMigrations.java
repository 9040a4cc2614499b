package dev.foldwork.core.stores.clickhouse;

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
 * Duplicates by event id collapse in merges and are removed at read time with
 * {@code LIMIT 1 BY event_id} until then.
 */
final class ClickHouseMigrations {
    static final String EVENTS = "events";
    static final String FOLD_STATES = "fold_states";
    static final String MAP_RECORDS = "map_records";
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
                    """.replace("{table}", "{db}." + FOLD_STATES)),
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
                    """.replace("{table}", "{db}." + MAP_RECORDS)));

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
