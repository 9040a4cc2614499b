package dev.foldwork.core.runtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An operator's skip: {@code fold} consumes the event without applying it. One event may be
 * skipped by several folds (poison for each of them), each by a skip of its own.
 */
public record SkippedEvent(String eventId, String fold) {
    /** The events {@code fold} skips, out of {@code skips}. */
    public static Set<String> by(String fold, Collection<SkippedEvent> skips) {
        Set<String> skipped = new LinkedHashSet<>();
        for (SkippedEvent skip : skips) {
            if (skip.fold().equals(fold)) {
                skipped.add(skip.eventId());
            }
        }
        return skipped;
    }
}
