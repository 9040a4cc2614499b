package dev.foldwork.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;

/**
 * An event a command decided on, before its stream's writer gave it a {@code seq}. Its id is
 * already fixed, so a write repeated by anyone (a retry, a recovery of a writer that died) stores
 * the same event again, which is a no-op.
 */
public record NewEvent(String id, StreamId stream, long timestamp, String type, int version, JsonNode data) {

    /** This event at position {@code seq} of its stream. */
    public Event at(long seq) {
        return new Event(id, stream.tenantId(), stream.aggregateType(), stream.aggregateId(), seq, timestamp, type,
                version, data);
    }
}
