package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import java.util.List;

/** The event store behind {@link StreamWriteActivities}. */
public final class StreamWriteActivitiesImpl implements StreamWriteActivities {
    private final EventStore eventStore;

    public StreamWriteActivitiesImpl(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public long lastSeq(StreamId stream) {
        return eventStore.lastSeq(stream);
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        eventStore.append(tenantId, events);
    }
}
