package dev.foldwork.clickhouse;

import static dev.foldwork.clickhouse.SqlLiteral.quote;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.RebuiltRecord;
import java.util.List;
import java.util.Objects;

/**
 * Map records in a ClickHouse ReplacingMergeTree ordered by tenant, projection, aggregate id,
 * timestamp and event id, versioned by generation (a rebuild's; appends are 0). Reads keep one row
 * per event id, the one of the highest generation, as merges do, and leave out rows that mark a
 * record removed.
 */
public final class ClickHouseAppendStore implements AppendStore, AutoCloseable {
    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;

    public ClickHouseAppendStore(ClickHouseDatabase database) {
        this.database = database;
        this.writer = new BufferedInsertWriter(database, ClickHouseMigrations.MAP_RECORDS);
    }

    @Override
    public void append(TenantId tenantId, String projection, List<MapRecord> records) {
        insert(tenantId, projection, 0, records.stream()
                .map(r -> new RebuiltRecord(r.eventId(), r.aggregateId(), r.timestamp(), r.data())).toList());
    }

    @Override
    public void replace(TenantId tenantId, String projection, int generation, List<RebuiltRecord> outcomes) {
        if (generation < 1) {
            throw new IllegalArgumentException("a rebuild's generation is 1 or more, was " + generation);
        }
        insert(tenantId, projection, generation, outcomes);
    }

    /** One insert of rows in {@code generation}; an outcome without data is a row marking its record removed. */
    private void insert(TenantId tenantId, String projection, int generation, List<RebuiltRecord> outcomes) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        JsonEachRowBody body = new JsonEachRowBody();
        for (RebuiltRecord outcome : outcomes) {
            Ids.aggregateId("aggregateId", outcome.aggregateId());
            body.row(row -> {
                row.writeStringField("tenant_id", tenantId.value());
                row.writeStringField("projection", projection);
                row.writeStringField("aggregate_id", outcome.aggregateId());
                row.writeNumberField("timestamp_ms", outcome.timestamp());
                row.writeStringField("event_id", outcome.eventId());
                row.writeStringField("data", outcome.data() == null ? "null" : Json.write(outcome.data()));
                row.writeNumberField("generation", generation);
                row.writeNumberField("removed", outcome.data() == null ? 1 : 0);
            });
        }
        writer.write(body.bytes(), body.rows());
    }

    @Override
    public List<MapRecord> read(TenantId tenantId, String projection, String aggregateId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateId", aggregateId);
        return database.queryRows(
                        "SELECT event_id, timestamp_ms, data, removed FROM " + database.table(ClickHouseMigrations.MAP_RECORDS)
                                + " WHERE tenant_id = " + quote(tenantId.value())
                                + " AND projection = " + quote(projection)
                                + " AND aggregate_id = " + quote(aggregateId)
                                + " ORDER BY timestamp_ms, event_id, generation DESC LIMIT 1 BY event_id")
                .stream()
                .filter(row -> row.get("removed").asInt() == 0)
                .map(row -> new MapRecord(row.get("event_id").asText(), aggregateId, row.get("timestamp_ms").asLong(),
                        Json.parse(row.get("data").asText())))
                .toList();
    }

    /** Writes what is still buffered and stops the writer; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
