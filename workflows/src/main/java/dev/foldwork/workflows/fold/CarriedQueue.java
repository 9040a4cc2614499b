package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.workflows.PayloadSize;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How runs recorded before {@code continue-with-a-cursor} continued as new, kept so their histories
 * replay: when the queue is larger than a continue-as-new input may be, the queue's head as far as
 * the budget goes and the last queued event of each stream. Every queued event is in the event
 * store, so the next run's gap filling reads what was left out between the two (the events a fold
 * holds are skipped by seq). Deterministic: it walks the queue in order.
 */
final class CarriedQueue {
    private CarriedQueue() {}

    static List<Event> trim(Collection<Event> queue, int maxEvents, long maxBytes) {
        if (queue.size() <= maxEvents && PayloadSize.of(queue) <= maxBytes) {
            return new ArrayList<>(queue);
        }
        Map<StreamId, Event> lastOfStream = new LinkedHashMap<>();
        queue.forEach(event -> lastOfStream.put(event.streamId(), event));
        Set<Event> tails = new LinkedHashSet<>();
        long bytes = 0;
        for (Event tail : lastOfStream.values()) {
            long size = PayloadSize.of(tail);
            if (tails.size() < maxEvents && bytes + size <= maxBytes) {
                tails.add(tail); // a stream whose tail does not fit is left to catch-up
                bytes += size;
            }
        }
        List<Event> carried = new ArrayList<>();
        for (Event event : queue) {
            long size = PayloadSize.of(event);
            if (tails.contains(event)) {
                continue;
            }
            if (carried.size() + tails.size() >= maxEvents || bytes + size > maxBytes) {
                break;
            }
            carried.add(event);
            bytes += size;
        }
        carried.addAll(tails); // each is its stream's last, so every stream stays in seq order
        return carried;
    }
}
