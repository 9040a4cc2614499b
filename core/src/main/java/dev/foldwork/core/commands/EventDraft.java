package dev.foldwork.core.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;

/**
 * What a command handler decides: an event without the id, tenant and time the service adds. Data
 * given as a record keeps it beside its JSON, so this process's readers of the event need not
 * decode it ({@link dev.foldwork.core.json.TypedObjectNode}).
 */
public record EventDraft(String aggregateId, String type, int version, JsonNode data) {
    public static EventDraft of(String aggregateId, String type, int version, Object data) {
        return new EventDraft(aggregateId, type, version, data instanceof JsonNode node ? node : Json.toTypedNode(data));
    }
}
