package dev.foldwork.core.service;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context a handler decides in. It remembers which histories the handler read and the
 * {@code seq} each ended at, so the streams' writer can check that the decision was made on
 * the latest history (an optimistic check, as in Axon's aggregate versioning).
 */
final class RecordingCommandContext implements CommandContext {
    private final TenantId tenantId;
    private final AggregateType aggregateType;
    private final EventStore eventStore;
    private final Map<StreamId, Long> seen = new LinkedHashMap<>();

    RecordingCommandContext(TenantId tenantId, AggregateType aggregateType, EventStore eventStore) {
        this.tenantId = tenantId;
        this.aggregateType = aggregateType;
        this.eventStore = eventStore;
    }

    @Override
    public TenantId tenantId() {
        return tenantId;
    }

    @Override
    public List<Event> history(String aggregateId) {
        List<Event> history = eventStore.read(tenantId, aggregateType, aggregateId);
        seen.putIfAbsent(new StreamId(tenantId, aggregateType, aggregateId),
                history.isEmpty() ? 0L : history.get(history.size() - 1).seq());
        return history;
    }

    /** The last {@code seq} of each history the handler read, when it read it. */
    Map<StreamId, Long> decidedAt() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }
}
