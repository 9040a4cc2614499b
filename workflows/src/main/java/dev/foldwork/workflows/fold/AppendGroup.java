package dev.foldwork.workflows.fold;

import dev.foldwork.workflows.PayloadSize;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Which waiting writes go out in one append: its activity input stays far below Temporal's 2 MB
 * payload, and writes whose failures differ (accepted ones and those with a waiting caller) are
 * never in one group.
 */
final class AppendGroup {
    /** One append's events and estimated bytes at most: its activity input stays far below 2 MB. */
    static final int MAX_APPEND_EVENTS = 500;
    static final long MAX_APPEND_BYTES = 512 * 1024;

    private AppendGroup() {}

    /** The waiting writes from the head, up to one append's budget; always the first. They leave {@code waiting}. */
    static List<PendingWrite> take(List<PendingWrite> waiting) {
        List<PendingWrite> taken = new ArrayList<>();
        int events = 0;
        long bytes = 0;
        Iterator<PendingWrite> it = waiting.iterator();
        while (it.hasNext()) {
            PendingWrite pending = it.next();
            long size = pending.write.events().stream().mapToLong(PayloadSize::of).sum();
            if (!taken.isEmpty() && (events + pending.write.events().size() > MAX_APPEND_EVENTS
                    || bytes + size > MAX_APPEND_BYTES || pending.accepted != taken.get(0).accepted)) {
                break;
            }
            taken.add(pending);
            events += pending.write.events().size();
            bytes += size;
            it.remove();
        }
        return taken;
    }
}
