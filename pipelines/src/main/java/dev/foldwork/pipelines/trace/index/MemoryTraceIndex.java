package dev.foldwork.pipelines.trace.index;

import dev.foldwork.core.domain.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The index of the memory store: per tenant, the rows by trace id and in newest-first order. */
public final class MemoryTraceIndex implements TraceIndex {
    private record Position(long startTimeMs, String traceId) {}

    private static final Comparator<Position> NEWEST_FIRST = Comparator.comparingLong(Position::startTimeMs).reversed()
            .thenComparing(Position::traceId, Comparator.reverseOrder());

    /** One tenant's rows; guarded by its own monitor. */
    private static final class Tenant {
        final Map<String, TraceIndexRow> byTrace = new HashMap<>();
        final TreeMap<Position, TraceIndexRow> ordered = new TreeMap<>(NEWEST_FIRST);
    }

    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

    @Override
    public void upsert(TenantId tenantId, TraceIndexRow row) {
        Tenant tenant = tenants.computeIfAbsent(tenantId, id -> new Tenant());
        synchronized (tenant) {
            TraceIndexRow current = tenant.byTrace.get(row.traceId());
            if (current != null) {
                if (current.rank() >= row.rank()) {
                    return;
                }
                tenant.ordered.remove(position(current));
            }
            tenant.byTrace.put(row.traceId(), row);
            tenant.ordered.put(position(row), row);
        }
    }

    @Override
    public TracePage query(TenantId tenantId, TraceQuery query) {
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return new TracePage(List.of(), null);
        }
        List<TraceIndexRow> matches = new ArrayList<>();
        synchronized (tenant) {
            Map<Position, TraceIndexRow> rows = query.after() == null ? tenant.ordered
                    : tenant.ordered.tailMap(new Position(query.after().startTimeMs(), query.after().traceId()), false);
            for (TraceIndexRow row : rows.values()) {
                if (row.matches(query)) {
                    matches.add(row);
                    if (matches.size() > query.limit()) {
                        break;
                    }
                }
            }
        }
        return TracePage.of(matches, query.limit());
    }

    private static Position position(TraceIndexRow row) {
        return new Position(row.startTimeMs(), row.traceId());
    }
}
