package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.FoldCheckpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a batch of one group's events to one fold: pure and deterministic, so Temporal
 * workflow code runs it too. Events the checkpoint already holds are skipped: a batch is
 * delivered in order, so everything up to the last remembered event was applied before.
 */
public final class FoldStep {
    private FoldStep() {}

    public record Result<S>(S state, FoldCheckpoint checkpoint, List<Event> applied) {
        public boolean changed() {
            return !applied.isEmpty();
        }
    }

    public static <S> Result<S> apply(FoldProjection<S> fold, S state, FoldCheckpoint checkpoint, List<Event> events) {
        Set<String> consumed = new HashSet<>(checkpoint.recentEventIds());
        int start = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            if (consumed.contains(events.get(i).id())) {
                start = i + 1;
                break;
            }
        }
        List<Event> applied = new ArrayList<>(events.size() - start);
        List<String> appliedIds = new ArrayList<>(events.size() - start);
        for (Event event : events.subList(start, events.size())) {
            if (!consumed.add(event.id())) {
                continue;
            }
            try {
                state = fold.apply(state, event);
            } catch (RuntimeException e) {
                throw new FoldApplyException(fold.name(), event, e);
            }
            applied.add(event);
            appliedIds.add(event.id());
        }
        long lastTimestamp = applied.isEmpty() ? checkpoint.lastEventTimestamp() : applied.get(applied.size() - 1).timestamp();
        return new Result<>(state, checkpoint.after(appliedIds, lastTimestamp), applied);
    }

    /** Consumes an event without applying it: an operator skipped a poison event. */
    public static FoldCheckpoint skip(FoldCheckpoint checkpoint, Event event) {
        return checkpoint.after(event.id(), event.timestamp());
    }
}
