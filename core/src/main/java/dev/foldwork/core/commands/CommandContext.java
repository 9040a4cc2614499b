package dev.foldwork.core.commands;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import java.util.List;

/** What a handler may know when it decides: its tenant, and the history of an aggregate. */
public interface CommandContext {
    TenantId tenantId();

    /** The events of one aggregate of this pipeline, in order. */
    List<Event> history(String aggregateId);
}
