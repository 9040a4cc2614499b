package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run has yet to apply, in order: the events signals delivered, its stream's written events
 * and those a previous run carried, with batches put back at the head; and the stream ranges it was
 * told are stored but did not get ({@link StoredEvents}), read a page at a time. Signal handlers add
 * to it before the run has started, so it exists from the workflow's construction.
 */
final class EventQueue {
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final StoredEvents stored = new StoredEvents();

    /** Delivered or written events, behind those queued before. */
    void add(List<Event> events) {
        queue.addAll(events);
    }

    /** Events signalled as stored, to be read from the store. */
    void addStored(List<SeqRange> ranges) {
        stored.add(ranges);
    }

    /** Back to the head of the queue, in order: the next batch reads on from where this one's budget ended. */
    void toHead(List<Event> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            queue.addFirst(events.get(i));
        }
    }

    boolean hasWork() {
        return !queue.isEmpty() || !stored.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** The queued events, in order, as they are now. */
    Collection<Event> queued() {
        return Collections.unmodifiableCollection(queue);
    }

    /** The stored ranges not read yet. */
    List<SeqRange> storedRanges() {
        return stored.ranges();
    }

    /**
     * A page of the events signalled as stored, to the head of the queue: the batch's gap filling
     * reads whatever lies between them and the folds' positions, and the folds skip what they hold.
     */
    void readStored(GapFiller.RangeReader reader) {
        if (stored.isEmpty()) {
            return;
        }
        List<SeqRange> asked = stored.ranges();
        GapFiller.ReadPage page = reader.read(asked);
        stored.read(asked, page);
        toHead(page.events());
    }

    /** Up to maxBatch events from the head of the queue, each once; the folds skip what they hold by seq. */
    List<Event> take(int maxBatch) {
        List<Event> batch = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            Event event = queue.pollFirst();
            if (inBatch.add(event.id())) {
                batch.add(event);
            }
        }
        return batch;
    }
}
