package dev.foldwork.core.service;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context a handler decides in. It remembers which histories the handler read and how they
 * ended, so the service can check, under the streams' locks, that the decision was made on
 * the latest history (an optimistic check, as in Axon's aggregate versioning).
 */
final class RecordingCommandContext implements CommandContext {
    private record Seen(int size, String lastEventId) {}

    private final TenantId tenantId;
    private final AggregateType aggregateType;
    private final EventStore eventStore;
    private final Map<String, Seen> seen = new LinkedHashMap<>();

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
        seen.putIfAbsent(aggregateId, seenOf(history));
        return history;
    }

    /** The streams whose history the decision rests on. */
    List<StreamId> readStreams() {
        return seen.keySet().stream().map(id -> new StreamId(tenantId, aggregateType, id)).toList();
    }

    /** True when no history the handler read has grown since it read it. */
    boolean stillCurrent() {
        for (Map.Entry<String, Seen> read : seen.entrySet()) {
            Seen now = seenOf(eventStore.read(tenantId, aggregateType, read.getKey()));
            if (!now.equals(read.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Seen seenOf(List<Event> history) {
        return new Seen(history.size(), history.isEmpty() ? null : history.get(history.size() - 1).id());
    }
}
