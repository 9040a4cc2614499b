package dev.foldwork.core.stores.clickhouse;

import static dev.foldwork.core.stores.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.TenantScope;
import java.util.List;
import java.util.Objects;

/**
 * Events in one ClickHouse ReplacingMergeTree ordered by tenant, aggregate type, aggregate id,
 * timestamp and event id. Appends go through a {@link BufferedInsertWriter}; reads order by
 * timestamp then event id and keep one row per event id.
 */
public final class ClickHouseEventStore implements EventStore, AutoCloseable {
    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;

    public ClickHouseEventStore(ClickHouseDatabase database) {
        this.database = database;
        this.writer = new BufferedInsertWriter(database, ClickHouseMigrations.EVENTS);
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        TenantScope.requireSameTenant(tenantId, events);
        JsonEachRowBody body = new JsonEachRowBody();
        for (Event event : events) {
            body.row(row -> {
                row.writeStringField("tenant_id", tenantId.value());
                row.writeStringField("aggregate_type", event.aggregateType().value());
                row.writeStringField("aggregate_id", event.aggregateId());
                row.writeNumberField("timestamp_ms", event.timestamp());
                row.writeStringField("event_id", event.id());
                row.writeStringField("event_type", event.type());
                row.writeNumberField("schema_version", event.version());
                row.writeStringField("data", Json.write(event.data()));
            });
        }
        writer.write(body.bytes(), body.rows());
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Ids.aggregateId("aggregateId", aggregateId);
        List<JsonNode> rows = database.queryRows(
                "SELECT event_id, timestamp_ms, event_type, schema_version, data FROM " + database.table(ClickHouseMigrations.EVENTS)
                        + " WHERE tenant_id = " + quote(tenantId.value())
                        + " AND aggregate_type = " + quote(aggregateType.value())
                        + " AND aggregate_id = " + quote(aggregateId)
                        + " ORDER BY timestamp_ms, event_id LIMIT 1 BY event_id");
        return rows.stream()
                .map(row -> new Event(row.get("event_id").asText(), tenantId, aggregateType, aggregateId,
                        row.get("timestamp_ms").asLong(), row.get("event_type").asText(),
                        row.get("schema_version").asInt(), Json.parse(row.get("data").asText())))
                .toList();
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        return database.queryRows(
                        "SELECT DISTINCT aggregate_id FROM " + database.table(ClickHouseMigrations.EVENTS)
                                + " WHERE tenant_id = " + quote(tenantId.value())
                                + " AND aggregate_type = " + quote(aggregateType.value())
                                + " ORDER BY aggregate_id")
                .stream()
                .map(row -> row.get("aggregate_id").asText())
                .toList();
    }

    /** Writes what is still buffered and stops the writer; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
