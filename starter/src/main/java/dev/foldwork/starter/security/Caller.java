package dev.foldwork.starter.security;

import dev.foldwork.core.domain.TenantId;

/** Who a key belongs to: one tenant, which reads and writes only its own data, or an operator. */
public sealed interface Caller {
    record Tenant(TenantId id) implements Caller {}

    record Admin() implements Caller {}
}
