package dev.foldwork.core.stores;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a fold stands, stored with its state: the fold state is the checkpoint. {@code position}
 * counts the events the fold consumed and is the state's version. {@code recentEventIds}
 * holds the last few consumed ids (newest last) so an event delivered again is recognised.
 */
public record FoldCheckpoint(long position, String lastEventId, long lastEventTimestamp, List<String> recentEventIds) {
    /** How many consumed event ids a checkpoint remembers. Redeliveries come from the latest batch. */
    public static final int REMEMBERED_IDS = 64;

    public static final FoldCheckpoint START = new FoldCheckpoint(0, null, 0, List.of());

    public FoldCheckpoint {
        recentEventIds = List.copyOf(recentEventIds);
    }

    public boolean remembers(String eventId) {
        return recentEventIds.contains(eventId);
    }

    public FoldCheckpoint after(String eventId, long timestamp) {
        return after(List.of(eventId), timestamp);
    }

    /** The checkpoint after consuming {@code eventIds} in order, the last of them at {@code lastTimestamp}. */
    public FoldCheckpoint after(List<String> eventIds, long lastTimestamp) {
        if (eventIds.isEmpty()) {
            return this;
        }
        List<String> ids = new ArrayList<>(recentEventIds.size() + eventIds.size());
        ids.addAll(recentEventIds);
        ids.addAll(eventIds);
        if (ids.size() > REMEMBERED_IDS) {
            ids = ids.subList(ids.size() - REMEMBERED_IDS, ids.size());
        }
        return new FoldCheckpoint(position + eventIds.size(), eventIds.get(eventIds.size() - 1), lastTimestamp, ids);
    }
}
