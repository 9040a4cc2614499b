package dev.foldwork.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.json.TypedObjectNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;

/**
 * One pipeline's events as typed records. Each event type has one record class at its current
 * schema version, and one upcaster per older version, which rewrites the stored JSON of that
 * version into the next; {@link #decode} runs them in turn, so projections only ever see the
 * current shape. {@link #draft} writes an event at its current version, so the version a handler
 * stores is the one the codec reads.
 *
 * <p>Decoding is pure. An event drafted in this process carries its record
 * ({@link TypedObjectNode}), which is taken as it is. Otherwise the codec
 * remembers the last events it decoded by identity, so a pipeline's folds and maps that read the
 * same batch decode each event once.
 */
public final class EventCodec<E> {
    private static final int RECENT = 256; // a power of two: slots are identity hashes masked by RECENT - 1

    private final Class<E> base;
    private final Map<String, EventType<? extends E>> byName;
    private final Map<Class<?>, EventType<? extends E>> byClass;
    private final AtomicReferenceArray<Decoded<E>> recent = new AtomicReferenceArray<>(RECENT);

    private EventCodec(Class<E> base, Map<String, EventType<? extends E>> byName) {
        this.base = base;
        this.byName = Collections.unmodifiableMap(byName);
        Map<Class<?>, EventType<? extends E>> byClass = new HashMap<>();
        byName.values().forEach(type -> byClass.put(type.record(), type));
        this.byClass = Map.copyOf(byClass);
    }

    public static <E> Builder<E> of(Class<E> base) {
        return new Builder<>(base);
    }

    /**
     * The event as its record, upcast from an older version; empty for a type this codec does not
     * know (another pipeline's event, as global folds see). A version newer than the codec's is
     * refused: reading it as the current shape would drop what it added.
     */
    public Optional<E> decode(Event event) {
        int slot = System.identityHashCode(event) & (RECENT - 1);
        Decoded<E> remembered = recent.get(slot);
        if (remembered != null && remembered.event() == event) {
            return Optional.of(remembered.value());
        }
        EventType<? extends E> type = byName.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        E value = type.read(event);
        if (!(event.data() instanceof TypedObjectNode)) { // a drafted event's record is read for free: no slot for it
            recent.set(slot, new Decoded<>(event, value));
        }
        return Optional.of(value);
    }

    /** Whether the event is of a type this codec knows, at that type's current version (its JSON needs no upcast). */
    public boolean isCurrent(Event event) {
        EventType<? extends E> type = byName.get(event.type());
        return type != null && type.version() == event.version();
    }

    /** The draft of an event at its type's current version. */
    public EventDraft draft(String aggregateId, E event) {
        EventType<? extends E> type = byClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not an event of " + base.getSimpleName());
        }
        return EventDraft.of(aggregateId, type.name(), type.version(), event);
    }

    /** The record classes of this pipeline's events, in declaration order. */
    public List<Class<? extends E>> records() {
        return byName.values().stream().<Class<? extends E>>map(EventType::record).toList();
    }

    private record Decoded<E>(Event event, E value) {}

    private record EventType<T>(String name, int version, Class<T> record, Map<Integer, UnaryOperator<ObjectNode>> upcasters) {
        T read(Event event) {
            if (event.version() > version) {
                throw new IllegalArgumentException(name + " version " + event.version() + " is newer than this reader ("
                        + version + ")");
            }
            JsonNode data = event.data();
            if (event.version() < version) {
                if (!(data instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(name + " version " + event.version() + " is not a JSON object");
                }
                ObjectNode upcast = object.deepCopy(); // the stored event stays as it was
                for (int from = event.version(); from < version; from++) {
                    upcast = upcasters.get(from).apply(upcast);
                }
                data = upcast;
            }
            T value = Json.fromNode(data, record);
            if (value == null) {
                throw new IllegalArgumentException(name + " has no data");
            }
            return value;
        }
    }

    public static final class Builder<E> {
        private final Class<E> base;
        private final Map<String, EventType<? extends E>> byName = new LinkedHashMap<>();
        private final Map<String, Map<Integer, UnaryOperator<ObjectNode>>> upcasters = new HashMap<>();

        private Builder(Class<E> base) {
            this.base = base;
        }

        /** An event type at its current schema version (1 for a type that never changed). */
        public <T extends E> Builder<E> event(String name, int version, Class<T> record) {
            if (version < 1) {
                throw new IllegalArgumentException(name + ": version must be at least 1, was " + version);
            }
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException(name + " is declared twice in " + base.getSimpleName());
            }
            byName.put(name, new EventType<>(name, version, record, Map.of()));
            return this;
        }

        /** Rewrites an event of {@code fromVersion} into {@code fromVersion + 1}, in place on a copy of the stored JSON. */
        public Builder<E> upcaster(String name, int fromVersion, UnaryOperator<ObjectNode> toNextVersion) {
            upcasters.computeIfAbsent(name, n -> new HashMap<>()).put(fromVersion, toNextVersion);
            return this;
        }

        /** Fails unless every older version of every type has its upcaster, and no upcaster is stray. */
        public EventCodec<E> build() {
            Map<String, EventType<? extends E>> complete = new LinkedHashMap<>();
            for (EventType<? extends E> type : byName.values()) {
                complete.put(type.name(), withUpcasters(type));
            }
            for (String name : upcasters.keySet()) {
                if (!byName.containsKey(name)) {
                    throw new IllegalStateException("upcaster for " + name + ", which is not an event of " + base.getSimpleName());
                }
            }
            return new EventCodec<>(base, complete);
        }

        private <T extends E> EventType<T> withUpcasters(EventType<T> type) {
            Map<Integer, UnaryOperator<ObjectNode>> steps = upcasters.getOrDefault(type.name(), Map.of());
            for (int from = 1; from < type.version(); from++) {
                if (!steps.containsKey(from)) {
                    throw new IllegalStateException(type.name() + " is at version " + type.version() + " but has no upcaster from version " + from);
                }
            }
            for (int from : steps.keySet()) {
                if (from < 1 || from >= type.version()) {
                    throw new IllegalStateException(type.name() + " has an upcaster from version " + from + ", outside 1.."
                            + (type.version() - 1));
                }
            }
            return new EventType<>(type.name(), type.version(), type.record(), Map.copyOf(steps));
        }
    }
}
