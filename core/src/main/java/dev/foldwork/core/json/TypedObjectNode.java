package dev.foldwork.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A JSON object written from a typed value, which it keeps: a reader in the same process that
 * wants the value back as its class ({@link Json#fromNode}) takes it instead of reading the JSON
 * again. Event data and stored fold states are built this way ({@link Json#toTypedNode}), so in
 * the memory mode, and wherever an event or state is read in the process that wrote it, a fold, map
 * or reactor decodes neither. Anything that crosses a process (Temporal payloads, Redis,
 * ClickHouse) is written as plain JSON and read back as a plain {@link ObjectNode}.
 *
 * <p>The JSON and the value are the same fact, so neither may change: the memory fold store keeps
 * and hands out such a state without copying it. Event data and states are never changed after
 * they are written (an upcast works on a copy), and {@link #deepCopy} is a plain {@code ObjectNode}.
 */
public final class TypedObjectNode extends ObjectNode {
    private final transient Object value;

    TypedObjectNode(ObjectNode json, Object value) {
        super(Json.mapper().getNodeFactory());
        setAll(json);
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value this JSON was written from. */
    public Object value() {
        return value;
    }
}
