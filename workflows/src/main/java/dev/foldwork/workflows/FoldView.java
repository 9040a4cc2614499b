package dev.foldwork.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the {@code view} query answers: the live state of each fold and where the group stands. */
public record FoldView(
        String group,
        Map<String, JsonNode> states,
        String lastEventId,
        String lastEventType,
        long applied,
        int queued,
        Parked parked,
        long failedReactions,
        long failedMapBatches) {}
