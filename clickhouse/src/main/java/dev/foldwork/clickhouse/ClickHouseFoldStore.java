package dev.foldwork.clickhouse;

import static dev.foldwork.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import dev.foldwork.core.stores.VersionBands;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Fold states in a ClickHouse ReplacingMergeTree keyed by tenant, projection and aggregate key,
 * versioned by the state's rank (generation, then the checkpoint's position); the state is JSON
 * text. Every store adds a row and {@code get} reads the one with the highest rank, so an older
 * state stored late never wins:
 * ClickHouse has no conditional insert, and this is the fence instead. A global fold's stream
 * positions are rows of their own, one per stream and state version.
 */
public final class ClickHouseFoldStore implements FoldStore, AutoCloseable {
    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;
    private final BufferedInsertWriter positionWriter;

    public ClickHouseFoldStore(ClickHouseDatabase database) {
        this.database = database;
        this.writer = new BufferedInsertWriter(database, ClickHouseMigrations.FOLD_STATES);
        this.positionWriter = new BufferedInsertWriter(database, ClickHouseMigrations.FOLD_STREAM_POSITIONS);
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        List<JsonNode> rows = database.queryRows(
                "SELECT generation, version, state, last_event_id, last_event_timestamp_ms FROM "
                        + database.table(ClickHouseMigrations.FOLD_STATES)
                        + " WHERE tenant_id = " + quote(tenantId.value())
                        + " AND projection = " + quote(projection)
                        + " AND aggregate_key = " + quote(aggregateKey)
                        + " ORDER BY rank DESC LIMIT 1");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode row = rows.get(0);
        JsonNode lastEventId = row.get("last_event_id");
        FoldCheckpoint checkpoint = new FoldCheckpoint(row.get("version").asLong(),
                lastEventId == null || lastEventId.isNull() ? null : lastEventId.asText(),
                row.get("last_event_timestamp_ms").asLong());
        return Optional.of(new StoredFold(Json.parse(row.get("state").asText()), checkpoint, row.get("generation").asInt()));
    }

    /** Reads the generation column alone: the states, which can be large, stay on disk. */
    @Override
    public int generation(TenantId tenantId, String projection, String aggregateKey) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        List<JsonNode> rows = database.queryRows("SELECT max(generation) AS generation FROM "
                + database.table(ClickHouseMigrations.FOLD_STATES)
                + " WHERE tenant_id = " + quote(tenantId.value())
                + " AND projection = " + quote(projection)
                + " AND aggregate_key = " + quote(aggregateKey));
        return rows.isEmpty() ? 0 : rows.get(0).get("generation").asInt();
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        JsonEachRowBody body = new JsonEachRowBody();
        addRow(body, tenantId, projection, aggregateKey, fold);
        writer.write(body.bytes(), body.rows());
    }

    /** One insert for all keys. */
    @Override
    public void storeAll(TenantId tenantId, String projection, Map<String, StoredFold> folds) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        if (folds.isEmpty()) {
            return;
        }
        JsonEachRowBody body = new JsonEachRowBody();
        folds.forEach((key, fold) -> addRow(body, tenantId, projection, Ids.aggregateId("aggregateKey", key), fold));
        writer.write(body.bytes(), body.rows());
    }

    private static void addRow(JsonEachRowBody body, TenantId tenantId, String projection, String aggregateKey,
                               StoredFold fold) {
        FoldCheckpoint checkpoint = fold.checkpoint();
        body.row(row -> {
            row.writeStringField("tenant_id", tenantId.value());
            row.writeStringField("projection", projection);
            row.writeStringField("aggregate_key", aggregateKey);
            row.writeNumberField("generation", fold.generation());
            row.writeNumberField("version", fold.version());
            row.writeNumberField("rank", fold.rank());
            row.writeStringField("state", Json.write(fold.state()));
            row.writeStringField("last_event_id", checkpoint.lastEventId());
            row.writeNumberField("last_event_timestamp_ms", checkpoint.lastEventTimestamp());
        });
    }

    /** One query for all keys: the version of the highest rank per key. */
    @Override
    public Map<String, Long> versions(TenantId tenantId, String projection, Collection<String> aggregateKeys) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Map<String, Long> versions = new LinkedHashMap<>();
        if (aggregateKeys.isEmpty()) {
            return versions;
        }
        StringJoiner in = new StringJoiner(", ", "(", ")");
        for (String key : aggregateKeys) {
            in.add(quote(Ids.aggregateId("aggregateKey", key)));
        }
        for (JsonNode row : database.queryRows("SELECT aggregate_key, argMax(version, rank) AS version FROM "
                + database.table(ClickHouseMigrations.FOLD_STATES)
                + " WHERE tenant_id = " + quote(tenantId.value())
                + " AND projection = " + quote(projection)
                + " AND aggregate_key IN " + in
                + " GROUP BY aggregate_key")) {
            versions.put(row.get("aggregate_key").asText(), row.get("version").asLong());
        }
        return versions;
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        Map<StreamId, Long> found = new LinkedHashMap<>();
        if (streams.isEmpty()) {
            return found;
        }
        Map<String, StreamId> byKey = new LinkedHashMap<>();
        StringJoiner in = new StringJoiner(", ", "(", ")");
        for (StreamId stream : streams) {
            requireTenant(tenantId, stream);
            byKey.put(stream.aggregateType().value() + "\u0000" + stream.aggregateId(), stream);
            in.add("(" + quote(stream.aggregateType().value()) + ", " + quote(stream.aggregateId()) + ")");
        }
        // the seq of the highest version (a later version may set a stream back); ties by seq; within the version's band
        List<JsonNode> rows = database.queryRows("SELECT aggregate_type, aggregate_id, argMax(seq, (fold_version, seq)) AS seq FROM "
                + database.table(ClickHouseMigrations.FOLD_STREAM_POSITIONS)
                + " WHERE tenant_id = " + quote(tenantId.value())
                + " AND projection = " + quote(projection)
                + " AND aggregate_key = " + quote(aggregateKey)
                + " AND fold_version >= " + VersionBands.start(atOrBelowVersion)
                + " AND fold_version <= " + atOrBelowVersion
                + " AND (aggregate_type, aggregate_id) IN " + in
                + " GROUP BY aggregate_type, aggregate_id");
        for (JsonNode row : rows) {
            StreamId stream = byKey.get(row.get("aggregate_type").asText() + "\u0000" + row.get("aggregate_id").asText());
            if (stream != null) {
                found.put(stream, row.get("seq").asLong());
            }
        }
        return found;
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> positions) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        if (positions.isEmpty()) {
            return;
        }
        JsonEachRowBody body = new JsonEachRowBody();
        positions.forEach((stream, seq) -> {
            requireTenant(tenantId, stream);
            body.row(row -> {
                row.writeStringField("tenant_id", tenantId.value());
                row.writeStringField("projection", projection);
                row.writeStringField("aggregate_key", aggregateKey);
                row.writeStringField("aggregate_type", stream.aggregateType().value());
                row.writeStringField("aggregate_id", stream.aggregateId());
                row.writeNumberField("fold_version", version);
                row.writeNumberField("seq", seq);
            });
        });
        positionWriter.write(body.bytes(), body.rows());
    }

    @Override
    public StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.name("projection", projection);
        Ids.aggregateId("aggregateKey", aggregateKey);
        String ofKey = " WHERE tenant_id = " + quote(tenantId.value())
                + " AND projection = " + quote(projection)
                + " AND aggregate_key = " + quote(aggregateKey);
        long highest = database.queryRows("SELECT max(fold_version) AS fold_version FROM "
                + database.table(ClickHouseMigrations.FOLD_POSITION_HEADS) + ofKey).get(0).get("fold_version").asLong();
        if (highest <= version) {
            return StrayPositions.NONE;
        }
        // a rebuild's positions of a later generation lie above the version's band and are not strays
        String inBand = " AND fold_version > " + version + " AND fold_version < " + VersionBands.end(version);
        Set<StreamId> streams = new LinkedHashSet<>();
        long highestInBand = 0;
        // (the alias may not be a column's name: ClickHouse 18.16 would read the WHERE's fold_version as the aggregate)
        for (JsonNode row : database.queryRows("SELECT aggregate_type, aggregate_id, max(fold_version) AS highest FROM "
                + database.table(ClickHouseMigrations.FOLD_STREAM_POSITIONS) + ofKey + inBand + " GROUP BY aggregate_type, aggregate_id")) {
            streams.add(new StreamId(tenantId, AggregateType.of(row.get("aggregate_type").asText()), row.get("aggregate_id").asText()));
            highestInBand = Math.max(highestInBand, row.get("highest").asLong());
        }
        return streams.isEmpty() ? StrayPositions.NONE : new StrayPositions(highestInBand, streams);
    }

    private static void requireTenant(TenantId tenantId, StreamId stream) {
        if (!stream.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("stream " + stream + " is not of tenant " + tenantId);
        }
    }

    /** Writes what is still buffered and stops the writer; the database stays open. */
    @Override
    public void close() {
        writer.close();
        positionWriter.close();
    }
}
