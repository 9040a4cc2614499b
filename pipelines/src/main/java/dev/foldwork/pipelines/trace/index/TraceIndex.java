package dev.foldwork.pipelines.trace.index;

import dev.foldwork.core.domain.TenantId;

/**
 * Finds a tenant's traces by their summary: one row per trace, the one of the highest summary
 * rank. Writing a row again, or an older one late, changes nothing, so the reactor that feeds it
 * may run any number of times in any order.
 */
public interface TraceIndex {
    void upsert(TenantId tenantId, TraceIndexRow row);

    /** The tenant's traces that match, newest first (start time, then trace id, both descending). */
    TracePage query(TenantId tenantId, TraceQuery query);
}
