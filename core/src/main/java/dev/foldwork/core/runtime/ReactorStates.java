package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;

/**
 * Reads reactor calls' states into their folds' types, once for a run of calls that share one
 * stored state: a fold's store owes the calls of its {@link ReactionPlan}, all with the same
 * state node, and decoding it for each was most of what reacting cost. A state this process's
 * folds stored lately ({@link StoredStates}) is not decoded at all. Not thread-safe: one per
 * batch of calls.
 */
public final class ReactorStates {
    private final StoredStates stored;
    private JsonNode lastNode;
    private Class<?> lastType;
    private Object lastState;

    public ReactorStates(StoredStates stored) {
        this.stored = stored;
    }

    /** The call's state as a {@code type}; the same object as the previous call's when both share node and type. */
    Object read(ReactorCall call, Class<?> type) {
        if (call.state() != lastNode || type != lastType) {
            Object known = stored.recall(call, type);
            lastState = known != null ? known : Json.fromNode(call.state(), type);
            lastNode = call.state();
            lastType = type;
        }
        return lastState;
    }
}
