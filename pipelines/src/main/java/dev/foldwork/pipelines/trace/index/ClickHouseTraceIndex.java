package dev.foldwork.pipelines.trace.index;

import static dev.foldwork.core.stores.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.clickhouse.BufferedInsertWriter;
import dev.foldwork.core.stores.clickhouse.ClickHouseDatabase;
import dev.foldwork.core.stores.clickhouse.JsonEachRowBody;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The index of the ClickHouse store: table {@code trace_index}, a ReplacingMergeTree by tenant and
 * trace, versioned by the summary's rank. Every upsert adds a row; reads take each trace's row of
 * the highest rank with {@code argMax} (merges collapse the others eventually), filter and sort
 * those, then fetch the summaries of the page's traces alone by primary key.
 */
public final class ClickHouseTraceIndex implements TraceIndex, AutoCloseable {
    static final String TABLE = "trace_index";
    /** How many (tenant, trace) ranks this process remembers having written, to skip writing them again. */
    private static final int WRITTEN_CACHE = 100_000;

    private final ClickHouseDatabase database;
    private final BufferedInsertWriter writer;
    private final Map<String, Long> written = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > WRITTEN_CACHE;
        }
    };

    /** Creates the table when missing (idempotent, so processes starting together do no harm). */
    public ClickHouseTraceIndex(ClickHouseDatabase database) {
        this.database = database;
        database.execute("""
                CREATE TABLE IF NOT EXISTS %s (
                    tenant_id String,
                    trace_id String,
                    rank UInt64,
                    start_time_ms Int64,
                    user_id String,
                    thread_id String,
                    labels Array(String),
                    models Array(String),
                    has_error UInt8,
                    total_cost Float64,
                    summary String
                ) ENGINE = ReplacingMergeTree(rank)
                ORDER BY (tenant_id, trace_id)
                """.formatted(database.table(TABLE)));
        this.writer = new BufferedInsertWriter(database, TABLE);
    }

    /**
     * A reaction runs once per event of a persisted batch, all with the same state: a rank this
     * process already stored for the trace is not written again.
     */
    @Override
    public void upsert(TenantId tenantId, TraceIndexRow row) {
        String key = tenantId.value() + "\u0000" + row.traceId();
        synchronized (written) {
            Long stored = written.get(key);
            if (stored != null && stored >= row.rank()) {
                return;
            }
        }
        JsonEachRowBody body = new JsonEachRowBody().row(fields -> {
            fields.writeStringField("tenant_id", tenantId.value());
            fields.writeStringField("trace_id", row.traceId());
            fields.writeNumberField("rank", row.rank());
            fields.writeNumberField("start_time_ms", row.startTimeMs());
            fields.writeStringField("user_id", row.userId() == null ? "" : row.userId());
            fields.writeStringField("thread_id", row.threadId() == null ? "" : row.threadId());
            fields.writeArrayFieldStart("labels");
            for (String label : row.labels()) {
                fields.writeString(label);
            }
            fields.writeEndArray();
            fields.writeArrayFieldStart("models");
            for (String model : row.models()) {
                fields.writeString(model);
            }
            fields.writeEndArray();
            fields.writeNumberField("has_error", row.hasError() ? 1 : 0);
            fields.writeNumberField("total_cost", row.totalCost());
            fields.writeStringField("summary", Json.write(row.summary()));
        });
        writer.write(body.bytes(), body.rows());
        synchronized (written) {
            written.merge(key, row.rank(), Math::max);
        }
    }

    @Override
    public TracePage query(TenantId tenantId, TraceQuery query) {
        List<JsonNode> found = database.queryRows(pageSql(tenantId, query));
        List<JsonNode> page = found.subList(0, Math.min(query.limit(), found.size()));
        String next = null;
        if (found.size() > query.limit()) {
            JsonNode last = page.get(page.size() - 1);
            next = new TraceCursor(last.get("latest_start").asLong(), last.get("trace_id").asText()).encode();
        }
        Map<String, ObjectNode> summaries = summaries(tenantId, page);
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode row : page) {
            ObjectNode summary = summaries.get(row.get("trace_id").asText());
            if (summary != null) {
                items.add(summary);
            }
        }
        return new TracePage(items, next);
    }

    /**
     * Each trace's latest values of the columns the query reads (aliases differ from the column
     * names: ClickHouse 18.16 would read a WHERE's column as the aggregate of the same name).
     */
    private String pageSql(TenantId tenantId, TraceQuery query) {
        StringBuilder latest = new StringBuilder("trace_id, argMax(start_time_ms, rank) AS latest_start");
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        if (query.from() != null) {
            where.add("latest_start >= " + query.from());
        }
        if (query.to() != null) {
            where.add("latest_start < " + query.to());
        }
        if (query.userId() != null) {
            latest.append(", argMax(user_id, rank) AS latest_user");
            where.add("latest_user = " + quote(query.userId()));
        }
        if (query.threadId() != null) {
            latest.append(", argMax(thread_id, rank) AS latest_thread");
            where.add("latest_thread = " + quote(query.threadId()));
        }
        if (query.label() != null) {
            latest.append(", argMax(labels, rank) AS latest_labels");
            where.add("has(latest_labels, " + quote(query.label()) + ")");
        }
        if (query.model() != null) {
            latest.append(", argMax(models, rank) AS latest_models");
            where.add("has(latest_models, " + quote(query.model()) + ")");
        }
        if (query.hasError() != null) {
            latest.append(", argMax(has_error, rank) AS latest_has_error");
            where.add("latest_has_error = " + (query.hasError() ? 1 : 0));
        }
        if (query.minCost() != null) {
            latest.append(", argMax(total_cost, rank) AS latest_cost");
            where.add("latest_cost >= " + BigDecimal.valueOf(query.minCost()).toPlainString());
        }
        if (query.after() != null) {
            long start = query.after().startTimeMs();
            where.add("(latest_start < " + start + " OR (latest_start = " + start + " AND trace_id < "
                    + quote(query.after().traceId()) + "))");
        }
        return "SELECT trace_id, latest_start FROM (SELECT " + latest + " FROM " + database.table(TABLE)
                + " WHERE tenant_id = " + quote(tenantId.value()) + " GROUP BY trace_id)" + where
                + " ORDER BY latest_start DESC, trace_id DESC LIMIT " + (query.limit() + 1);
    }

    /** The latest summary of each trace of the page, read by primary key. */
    private Map<String, ObjectNode> summaries(TenantId tenantId, List<JsonNode> page) {
        Map<String, ObjectNode> summaries = new HashMap<>();
        if (page.isEmpty()) {
            return summaries;
        }
        StringJoiner ids = new StringJoiner(", ", "(", ")");
        page.forEach(row -> ids.add(quote(row.get("trace_id").asText())));
        for (JsonNode row : database.queryRows("SELECT trace_id, argMax(summary, rank) AS latest_summary FROM "
                + database.table(TABLE) + " WHERE tenant_id = " + quote(tenantId.value()) + " AND trace_id IN " + ids
                + " GROUP BY trace_id")) {
            summaries.put(row.get("trace_id").asText(), (ObjectNode) Json.parse(row.get("latest_summary").asText()));
        }
        return summaries;
    }

    /** Writes what is still buffered; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
