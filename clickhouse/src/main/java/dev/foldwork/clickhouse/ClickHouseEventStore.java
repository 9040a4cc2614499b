package dev.foldwork.clickhouse;

import static dev.foldwork.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.StreamHead;
import dev.foldwork.core.stores.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Events in one ClickHouse ReplacingMergeTree ordered by tenant, aggregate type, aggregate id and
 * {@code seq}: an event stored again collapses with itself, and a stream holds one event per
 * {@code seq} (until a merge, reads keep the first row of each; a merge keeps the last, so the
 * guard against two writers of one seq holds only while the stream's writer is single, as every
 * mode's writer is). Appends go through a
 * {@link BufferedInsertWriter}. The server stamps each row's ingestion time, and a materialized
 * view records per insert which streams were written, which catch-up reads by time.
 */
public final class ClickHouseEventStore implements EventStore, AutoCloseable {
    private static final String COLUMNS = "event_id, seq, timestamp_ms, event_type, schema_version, data";
    /**
     * Which of two unmerged rows of one {@code (stream, seq)} came first: the ingestion second, then
     * the insert's block number, the first number in its part's name (a second alone ties).
     */
    private static final String INSERTION_ORDER = "ingested_at_ms, toUInt64(splitByChar('_', _part)[2])";

    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;

    public ClickHouseEventStore(ClickHouseDatabase database) {
        this.database = database;
        this.writer = new BufferedInsertWriter(database, ClickHouseMigrations.EVENT_LOG);
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
                row.writeNumberField("seq", event.seq());
                row.writeStringField("event_id", event.id());
                row.writeNumberField("timestamp_ms", event.timestamp());
                row.writeStringField("event_type", event.type());
                row.writeNumberField("schema_version", event.version());
                row.writeStringField("data", Json.write(event.data()));
            });
        }
        writer.write(body.bytes(), body.rows());
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        return read(new StreamId(tenantId, aggregateType, aggregateId), 1, Long.MAX_VALUE);
    }

    @Override
    public List<Event> read(StreamId stream, long fromSeq, long toSeq) {
        if (fromSeq > toSeq) {
            return List.of();
        }
        List<JsonNode> rows = database.queryRows("SELECT " + COLUMNS + " FROM " + database.table(ClickHouseMigrations.EVENT_LOG)
                + whereStream(stream)
                + " AND seq >= " + Math.max(0, fromSeq) + " AND seq <= " + Long.toUnsignedString(toSeq)
                + " ORDER BY seq, " + INSERTION_ORDER + " LIMIT 1 BY seq");
        return rows.stream()
                .map(row -> new Event(row.get("event_id").asText(), stream.tenantId(), stream.aggregateType(),
                        stream.aggregateId(), row.get("seq").asLong(), row.get("timestamp_ms").asLong(),
                        row.get("event_type").asText(), row.get("schema_version").asInt(),
                        Json.parse(row.get("data").asText())))
                .toList();
    }

    /**
     * One query per page, in the table's own order; both ends of the aggregate range are bounds
     * on the primary key, so a page reads its range, not the rest of the tenant. Repeats of a
     * {@code (stream, seq)} not merged yet come out adjacent and are dropped here, which is far
     * cheaper than {@code FINAL}.
     */
    @Override
    public List<Event> readPage(TenantId tenantId, AggregateType aggregateType, LogPosition after, String lastAggregateId,
                                int limit) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one event, was asked for " + limit);
        }
        String upTo = lastAggregateId == null ? ""
                : " AND aggregate_id <= " + quote(Ids.aggregateId("lastAggregateId", lastAggregateId));
        List<JsonNode> rows = database.queryRows("SELECT aggregate_id, " + COLUMNS + " FROM "
                + database.table(ClickHouseMigrations.EVENT_LOG)
                + " WHERE tenant_id = " + quote(tenantId.value())
                + " AND aggregate_type = " + quote(aggregateType.value())
                + " AND aggregate_id >= " + quote(after.aggregateId()) + upTo
                + " AND NOT (aggregate_id = " + quote(after.aggregateId()) + " AND seq <= " + Math.max(0, after.seq()) + ")"
                + " ORDER BY aggregate_id, seq, " + INSERTION_ORDER + " LIMIT " + limit);
        List<Event> page = new ArrayList<>(rows.size());
        Event previous = null;
        for (JsonNode row : rows) {
            String id = row.get("aggregate_id").asText();
            long seq = row.get("seq").asLong();
            if (previous != null && previous.seq() == seq && previous.aggregateId().equals(id)) {
                continue;
            }
            previous = new Event(row.get("event_id").asText(), tenantId, aggregateType, id, seq,
                    row.get("timestamp_ms").asLong(), row.get("event_type").asText(), row.get("schema_version").asInt(),
                    Json.parse(row.get("data").asText()));
            page.add(previous);
        }
        return page;
    }

    @Override
    public long lastSeq(StreamId stream) {
        List<JsonNode> rows = database.queryRows("SELECT max(seq) AS last FROM "
                + database.table(ClickHouseMigrations.EVENT_LOG) + whereStream(stream));
        return rows.isEmpty() ? 0 : rows.get(0).get("last").asLong();
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        return database.queryRows(
                        "SELECT DISTINCT aggregate_id FROM " + database.table(ClickHouseMigrations.EVENT_LOG)
                                + " WHERE tenant_id = " + quote(tenantId.value())
                                + " AND aggregate_type = " + quote(aggregateType.value())
                                + " ORDER BY aggregate_id")
                .stream()
                .map(row -> row.get("aggregate_id").asText())
                .toList();
    }

    @Override
    public List<TenantId> tenantsWrittenSince(long sinceMs) {
        return database.queryRows("SELECT DISTINCT tenant_id FROM " + database.table(ClickHouseMigrations.STREAM_WRITES)
                        + " WHERE ingested_at_ms >= " + sinceMs + " ORDER BY tenant_id")
                .stream()
                .map(row -> TenantId.of(row.get("tenant_id").asText()))
                .toList();
    }

    @Override
    public List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs) {
        Objects.requireNonNull(tenantId, "tenantId");
        return database.queryRows("SELECT aggregate_type, aggregate_id, min(first_seq) AS from_seq,"
                                + " max(last_seq) AS head_seq, maxIf(last_seq, ingested_at_ms <= " + settledAtMs + ") AS settled,"
                                + " max(ingested_at_ms) AS written_at FROM "
                        + database.table(ClickHouseMigrations.STREAM_WRITES)
                        + " WHERE ingested_at_ms >= " + sinceMs + " AND tenant_id = " + quote(tenantId.value())
                        + " GROUP BY aggregate_type, aggregate_id ORDER BY aggregate_type, aggregate_id")
                .stream()
                .map(row -> new StreamHead(new StreamId(tenantId, AggregateType.of(row.get("aggregate_type").asText()),
                        row.get("aggregate_id").asText()), row.get("from_seq").asLong(), row.get("head_seq").asLong(),
                        row.get("settled").asLong(), row.get("written_at").asLong()))
                .toList();
    }

    private static String whereStream(StreamId stream) {
        Ids.aggregateId("aggregateId", stream.aggregateId());
        return " WHERE tenant_id = " + quote(stream.tenantId().value())
                + " AND aggregate_type = " + quote(stream.aggregateType().value())
                + " AND aggregate_id = " + quote(stream.aggregateId());
    }

    /** Writes what is still buffered and stops the writer; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
