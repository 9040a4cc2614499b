package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns what a delivery brought into what a fold can apply: per stream, the events after the
 * fold's position in {@code seq} order, each once, with the events the delivery skipped (a lost
 * or reordered message) read from the event store. Deterministic for the same reads, so the
 * fold workflow runs it with an activity as the reader. Streams keep the order in which the
 * delivery first named them.
 */
public final class GapFiller {
    /** Reads a stream's stored events in {@code [fromSeq, toSeq]}; may return only the first page of them. */
    @FunctionalInterface
    public interface RangeReader {
        List<Event> read(StreamId stream, long fromSeq, long toSeq);
    }

    private GapFiller() {}

    /**
     * @param position how far the fold consumed each stream
     * @param belongs  which read events the fold takes (a global fold only those routed to its key)
     */
    public static List<Event> complete(List<Event> delivered, ToLongFunction<StreamId> position,
                                       Predicate<Event> belongs, RangeReader reader) {
        Map<StreamId, TreeMap<Long, Event>> streams = new LinkedHashMap<>();
        for (Event event : delivered) {
            if (event.seq() > position.applyAsLong(event.streamId())) {
                streams.computeIfAbsent(event.streamId(), s -> new TreeMap<>()).putIfAbsent(event.seq(), event);
            }
        }
        List<Event> complete = new ArrayList<>();
        for (Map.Entry<StreamId, TreeMap<Long, Event>> entry : streams.entrySet()) {
            complete.addAll(fill(entry.getKey(), position.applyAsLong(entry.getKey()), entry.getValue(), belongs, reader));
        }
        return complete;
    }

    /** Walks the stream from its position; a hole is read from the store, page by page. */
    private static List<Event> fill(StreamId stream, long position, TreeMap<Long, Event> bySeq,
                                    Predicate<Event> belongs, RangeReader reader) {
        List<Event> out = new ArrayList<>(bySeq.size());
        long next = position + 1;
        for (Event event : bySeq.values()) {
            while (next < event.seq()) {
                long before = next;
                for (Event read : reader.read(stream, next, event.seq() - 1)) {
                    if (read.seq() == next) {
                        if (belongs.test(read)) {
                            out.add(read);
                        }
                        next++;
                    }
                }
                if (next == before) {
                    return out; // not stored (yet): what follows the hole waits for a later delivery or catch-up
                }
            }
            out.add(event);
            next = event.seq() + 1;
        }
        return out;
    }
}
