package dev.foldwork.pipelines.trace.index;

import static dev.foldwork.clickhouse.SqlLiteral.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.clickhouse.BufferedInsertWriter;
import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.JsonEachRowBody;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The index of the ClickHouse store: table {@code trace_index}, a ReplacingMergeTree by tenant and
 * trace, versioned by the summary's rank. Every upsert adds a row; merges collapse a trace's rows
 * to the highest rank eventually. A read filters and sorts the rows' own filter columns (no
 * grouping of the tenant's rows), one page at a time, then reads the page's traces by primary key
 * (small granules, so that reads little of the summaries) and keeps the rows that are their
 * trace's highest rank; should older rows have taken places on the page, it reads on.
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
                SETTINGS index_granularity = 256
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
        List<ObjectNode> items = new ArrayList<>();
        TraceCursor next = null;
        JsonNode lastListed = null;
        Set<String> listed = new HashSet<>();
        TraceCursor position = query.after();
        while (next == null) {
            List<JsonNode> candidates = database.queryRows(candidatesSql(tenantId, query, position));
            Map<String, JsonNode> latest = latest(tenantId, candidates);
            for (JsonNode candidate : candidates) {
                String traceId = candidate.get("trace_id").asText();
                JsonNode top = latest.get(traceId);
                if (top == null || top.get("top_rank").asLong() != candidate.get("rank").asLong() || !listed.add(traceId)) {
                    continue; // an older summary of the trace, whose latest is listed elsewhere or not at all
                }
                if (items.size() == query.limit()) {
                    next = cursorAt(lastListed);
                    break;
                }
                items.add((ObjectNode) Json.parse(top.get("latest_summary").asText()));
                lastListed = candidate;
            }
            if (candidates.size() <= query.limit()) {
                break; // no more rows
            }
            position = cursorAt(candidates.get(candidates.size() - 1));
        }
        return new TracePage(items, next == null ? null : next.encode());
    }

    private static TraceCursor cursorAt(JsonNode row) {
        return new TraceCursor(row.get("start_time_ms").asLong(), row.get("trace_id").asText());
    }

    /**
     * Rows matching the query on their own values, newest first, one more than a page. A row may be
     * an older summary of its trace (until merges drop it): {@link #latest} tells.
     */
    private String candidatesSql(TenantId tenantId, TraceQuery query, TraceCursor position) {
        StringBuilder sql = new StringBuilder("SELECT trace_id, rank, start_time_ms FROM ").append(database.table(TABLE))
                .append(" WHERE tenant_id = ").append(quote(tenantId.value()));
        if (query.from() != null) {
            sql.append(" AND start_time_ms >= ").append(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND start_time_ms < ").append(query.to());
        }
        if (query.userId() != null) {
            sql.append(" AND user_id = ").append(quote(query.userId()));
        }
        if (query.threadId() != null) {
            sql.append(" AND thread_id = ").append(quote(query.threadId()));
        }
        if (query.label() != null) {
            sql.append(" AND has(labels, ").append(quote(query.label())).append(")");
        }
        if (query.model() != null) {
            sql.append(" AND has(models, ").append(quote(query.model())).append(")");
        }
        if (query.hasError() != null) {
            sql.append(" AND has_error = ").append(query.hasError() ? 1 : 0);
        }
        if (query.minCost() != null) {
            sql.append(" AND total_cost >= ").append(BigDecimal.valueOf(query.minCost()).toPlainString());
        }
        if (position != null) {
            long start = position.startTimeMs();
            sql.append(" AND (start_time_ms < ").append(start).append(" OR (start_time_ms = ").append(start)
                    .append(" AND trace_id < ").append(quote(position.traceId())).append("))");
        }
        // within one (start, trace) the highest rank first: a page that ends there ends on the newest
        return sql.append(" ORDER BY start_time_ms DESC, trace_id DESC, rank DESC LIMIT ").append(query.limit() + 1)
                .toString();
    }

    /** Each candidate trace's highest rank and the summary of it, read by primary key. */
    private Map<String, JsonNode> latest(TenantId tenantId, List<JsonNode> candidates) {
        Map<String, JsonNode> latest = new HashMap<>();
        if (candidates.isEmpty()) {
            return latest;
        }
        Set<String> traceIds = new LinkedHashSet<>();
        candidates.forEach(row -> traceIds.add(row.get("trace_id").asText()));
        StringJoiner ids = new StringJoiner(", ", "(", ")");
        traceIds.forEach(id -> ids.add(quote(id)));
        for (JsonNode row : database.queryRows("SELECT trace_id, max(rank) AS top_rank, argMax(summary, rank) AS latest_summary"
                + " FROM " + database.table(TABLE) + " WHERE tenant_id = " + quote(tenantId.value())
                + " AND trace_id IN " + ids + " GROUP BY trace_id")) {
            latest.put(row.get("trace_id").asText(), row);
        }
        return latest;
    }

    /** Writes what is still buffered; the database stays open. */
    @Override
    public void close() {
        writer.close();
    }
}
