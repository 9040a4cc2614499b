package dev.foldwork.workflows.fold;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first seq given to each recent write of a stream, by its first event's id, so that a
 * write repeated later (in this run or one it continued as) gets its old seqs instead of new
 * ones. Bounded, oldest first out; in insertion order, as workflow code must be.
 */
final class RecentWrites {
    /** Writes remembered by their first event's id, for repeats that reach a later run. */
    static final int RECENT_WRITES = 256;

    private final LinkedHashMap<String, Long> recent;

    RecentWrites(Map<String, Long> carried) {
        this.recent = new LinkedHashMap<>(carried);
    }

    /** The first seq the write with this first event id was given, or null if it is not remembered. */
    Long firstSeqOf(String firstEventId) {
        return recent.get(firstEventId);
    }

    boolean contains(String firstEventId) {
        return recent.containsKey(firstEventId);
    }

    void remember(String firstEventId, long firstSeq) {
        recent.put(firstEventId, firstSeq);
        if (recent.size() > RECENT_WRITES) {
            Iterator<Map.Entry<String, Long>> oldest = recent.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Oldest first, for the next run. */
    Map<String, Long> asMap() {
        return recent;
    }
}
