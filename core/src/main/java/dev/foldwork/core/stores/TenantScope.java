package dev.foldwork.core.stores;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import java.util.List;
import java.util.Objects;

/** The check every store makes before a write: the batch belongs to the tenant named. */
public final class TenantScope {
    private TenantScope() {}

    public static void requireSameTenant(TenantId tenantId, List<Event> events) {
        Objects.requireNonNull(tenantId, "tenantId");
        for (Event event : events) {
            if (!event.tenantId().equals(tenantId)) {
                throw new IllegalArgumentException("event " + event.id() + " belongs to tenant " + event.tenantId()
                        + ", not to " + tenantId + "; a batch never crosses tenants");
            }
        }
    }
}
