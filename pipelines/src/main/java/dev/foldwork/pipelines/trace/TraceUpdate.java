package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.TenantId;

/** A notification that a trace changed, as a live view would receive it. */
public record TraceUpdate(TenantId tenantId, String traceId, long spanCount, TraceStatus status, double totalCost) {}
