package dev.foldwork.core.projections;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.domain.TenantId;

/** What a reactor sees: where it runs, the fold state as persisted, and a way to send commands. */
public record ReactorContext<S>(TenantId tenantId, String aggregateId, S state, CommandGateway commands) {}
