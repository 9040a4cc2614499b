package dev.foldwork.core.projections;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.domain.TenantId;

/**
 * What a reactor sees: where it runs, the fold state as persisted, and a way to send commands.
 * {@code stateRank} is that state's {@link dev.foldwork.core.stores.StoredFold#rank() rank}
 * (generation, then version), so a reactor that copies the state elsewhere can keep the newest
 * copy when reactions run again or out of order.
 */
public record ReactorContext<S>(TenantId tenantId, String aggregateId, S state, long stateRank, CommandGateway commands) {}
