package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns what a delivery brought into what a fold can apply: per stream, the events after the
 * fold's position in {@code seq} order, each once, with the events the delivery skipped (a lost
 * or reordered message, or events routed elsewhere) read from the event store. The holes of all
 * streams are read together, a round at a time, so a batch costs one read per round, not one per
 * stream. Deterministic for the same reads, so the fold workflow runs it with an activity as the
 * reader. Streams keep the order in which the delivery first named them.
 */
public final class GapFiller {
    /**
     * Reads stored events in the given ranges, in order, as far as it can in one call: the page
     * says how many of the ranges it read (each of those at least up to its first stored event).
     */
    @FunctionalInterface
    public interface RangeReader {
        ReadPage read(List<SeqRange> ranges);
    }

    /** What one read returned; a range among the first {@code rangesRead} that got no event is not stored. */
    public record ReadPage(List<Event> events, int rangesRead) {}

    /**
     * What the fold can apply now, and the delivered events that wait behind a hole the read
     * budget did not reach (hand them in again, ahead of newer ones). Delivered events behind a
     * hole the store does not hold are in neither: a later delivery or catch-up brings them.
     */
    public record Completed(List<Event> events, List<Event> deferred) {}

    private GapFiller() {}

    /**
     * @param position   how far the fold consumed each stream
     * @param belongs    which read events the fold takes (a global fold only those routed to its key)
     * @param readBudget events to read at most (a page may pass it) before deferring the rest
     */
    public static Completed complete(List<Event> delivered, ToLongFunction<StreamId> position,
                                     Predicate<Event> belongs, RangeReader reader, long readBudget) {
        List<Event> inOrder = withoutHoles(delivered, position);
        if (inOrder != null) {
            return new Completed(inOrder, List.of());
        }
        Map<StreamId, Walk> walks = new LinkedHashMap<>();
        for (Event event : delivered) {
            long from = position.applyAsLong(event.streamId());
            if (event.seq() > from) {
                walks.computeIfAbsent(event.streamId(), s -> new Walk(from)).deliveredAt(event);
            }
        }
        long readSoFar = 0;
        while (true) {
            List<SeqRange> holes = new ArrayList<>();
            walks.forEach((stream, walk) -> walk.nextHole(stream).ifPresent(holes::add));
            if (holes.isEmpty()) {
                break;
            }
            if (readSoFar >= readBudget) {
                holes.forEach(hole -> walks.get(hole.stream()).defer());
                break;
            }
            Set<StreamId> progressed = new HashSet<>();
            ReadPage page = reader.read(holes);
            readSoFar += page.events().size();
            for (Event read : page.events()) {
                Walk walk = walks.get(read.streamId());
                if (walk != null && walk.readAt(read, belongs)) {
                    progressed.add(read.streamId());
                }
            }
            if (page.rangesRead() < 1) {
                throw new IllegalStateException("a range reader read none of " + holes.size() + " ranges");
            }
            for (SeqRange hole : holes.subList(0, Math.min(page.rangesRead(), holes.size()))) {
                if (!progressed.contains(hole.stream())) {
                    walks.get(hole.stream()).stopAtHole(); // not stored (yet): the rest waits for a later delivery or catch-up
                }
            }
        }
        List<Event> complete = new ArrayList<>();
        List<Event> deferred = new ArrayList<>();
        walks.values().forEach(walk -> walk.appendTo(complete, deferred));
        return new Completed(complete, deferred);
    }

    /**
     * The usual case, without reads or per-stream structures: every stream's delivered events
     * follow its position with no hole (repeats are dropped). Null when some stream has a hole.
     */
    private static List<Event> withoutHoles(List<Event> delivered, ToLongFunction<StreamId> position) {
        Map<StreamId, Long> next = new HashMap<>();
        List<Event> inOrder = new ArrayList<>(delivered.size());
        for (Event event : delivered) {
            StreamId stream = event.streamId();
            Long expected = next.get(stream);
            long seq = expected != null ? expected : position.applyAsLong(stream) + 1;
            if (event.seq() > seq) {
                return null;
            }
            if (event.seq() == seq) {
                inOrder.add(event);
                next.put(stream, seq + 1);
            } else if (expected == null) {
                next.put(stream, seq);
            }
        }
        return inOrder;
    }

    /** One stream's walk from the fold's position: what is known by seq, and how far it is contiguous. */
    private static final class Walk {
        private final TreeMap<Long, Event> bySeq = new TreeMap<>();
        private final Set<Long> taken = new HashSet<>();
        private final Set<Long> delivered = new HashSet<>();
        private long contiguousTo;
        private boolean stopped;
        private boolean deferred;

        Walk(long position) {
            this.contiguousTo = position;
        }

        void deliveredAt(Event event) {
            if (bySeq.putIfAbsent(event.seq(), event) == null) {
                taken.add(event.seq());
                delivered.add(event.seq());
            }
            advance();
        }

        /** True if the read event filled the hole (taken or not, it is known now). */
        boolean readAt(Event event, Predicate<Event> belongs) {
            if (event.seq() <= contiguousTo || bySeq.containsKey(event.seq())) {
                return false;
            }
            bySeq.put(event.seq(), event);
            if (belongs.test(event)) {
                taken.add(event.seq());
            }
            advance();
            return true;
        }

        Optional<SeqRange> nextHole(StreamId stream) {
            if (stopped || bySeq.isEmpty() || bySeq.lastKey() <= contiguousTo) {
                return Optional.empty();
            }
            Long nextKnown = bySeq.higherKey(contiguousTo);
            return Optional.of(new SeqRange(stream, contiguousTo + 1, nextKnown - 1));
        }

        void stopAtHole() {
            stopped = true;
        }

        void defer() {
            stopped = true;
            deferred = true;
        }

        void appendTo(List<Event> out, List<Event> later) {
            for (Map.Entry<Long, Event> known : bySeq.entrySet()) {
                if (known.getKey() <= contiguousTo) {
                    if (taken.contains(known.getKey())) {
                        out.add(known.getValue());
                    }
                } else if (deferred && delivered.contains(known.getKey())) {
                    later.add(known.getValue());
                }
            }
        }

        private void advance() {
            while (bySeq.containsKey(contiguousTo + 1)) {
                contiguousTo++;
            }
        }
    }
}
