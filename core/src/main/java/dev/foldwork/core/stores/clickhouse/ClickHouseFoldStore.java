package dev.foldwork.core.stores.clickhouse;

import static dev.foldwork.core.stores.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fold states in a ClickHouse ReplacingMergeTree keyed by tenant, projection and aggregate key,
 * versioned by the checkpoint's position; the state is JSON text. Every store adds a row and
 * {@code get} reads the one with the highest version, so an older state stored late never wins.
 */
public final class ClickHouseFoldStore implements FoldStore, AutoCloseable {
    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;

    public ClickHouseFoldStore(ClickHouseDatabase database) {
        this.database = database;
        this.writer = new BufferedInsertWriter(database, ClickHouseMigrations.FOLD_STATES);
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        List<JsonNode> rows = database.queryRows(
                "SELECT version, state, last_event_id, last_event_timestamp_ms, recent_event_ids FROM "
                        + database.table(ClickHouseMigrations.FOLD_STATES)
                        + " WHERE tenant_id = " + quote(tenantId.value())
                        + " AND projection = " + quote(projection)
                        + " AND aggregate_key = " + quote(aggregateKey)
                        + " ORDER BY version DESC LIMIT 1");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode row = rows.get(0);
        List<String> recent = new ArrayList<>();
        row.get("recent_event_ids").forEach(id -> recent.add(id.asText()));
        JsonNode lastEventId = row.get("last_event_id");
        FoldCheckpoint checkpoint = new FoldCheckpoint(row.get("version").asLong(),
                lastEventId == null || lastEventId.isNull() ? null : lastEventId.asText(),
                row.get("last_event_timestamp_ms").asLong(), recent);
        return Optional.of(new StoredFold(Json.parse(row.get("state").asText()), checkpoint));
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        FoldCheckpoint checkpoint = fold.checkpoint();
        JsonEachRowBody body = new JsonEachRowBody().row(row -> {
            row.writeStringField("tenant_id", tenantId.value());
            row.writeStringField("projection", projection);
            row.writeStringField("aggregate_key", aggregateKey);
            row.writeNumberField("version", fold.version());
            row.writeStringField("state", Json.write(fold.state()));
            row.writeStringField("last_event_id", checkpoint.lastEventId());
            row.writeNumberField("last_event_timestamp_ms", checkpoint.lastEventTimestamp());
            row.writeArrayFieldStart("recent_event_ids");
            for (String id : checkpoint.recentEventIds()) {
                row.writeString(id);
            }
            row.writeEndArray();
        });
        writer.write(body.bytes(), body.rows());
    }

    /** Writes what is still buffered and stops the writer; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
