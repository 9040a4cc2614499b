package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.SkippedEvent;
import dev.foldwork.workflows.FoldRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a group's folds got, handed from run to run: the events applied, the last of them, and
 * the events an operator skipped that a fold has not consumed yet. Shown in the run's details and
 * its query; the skips keep the order they were asked in.
 */
final class FoldProgress {
    private final Set<SkippedEvent> skips = new LinkedHashSet<>();
    private long applied;
    private Event last;

    /** What the previous run handed over. */
    void restore(FoldRun run) {
        skips.addAll(run.skips());
        applied = run.applied();
        last = run.last();
    }

    void skip(SkippedEvent skip) {
        skips.add(skip);
    }

    /** The skips the folds apply, as they are now. */
    Set<SkippedEvent> skips() {
        return Collections.unmodifiableSet(skips);
    }

    /** The skips for the next run, in order. */
    List<SkippedEvent> skipsToHandOver() {
        return new ArrayList<>(skips);
    }

    /** A batch's events were applied and persisted: their skips are consumed. */
    void consumed(List<Event> complete) {
        Set<String> consumed = new HashSet<>();
        complete.forEach(event -> consumed.add(event.id()));
        skips.removeIf(skip -> consumed.contains(skip.eventId()));
        applied += complete.size();
        if (!complete.isEmpty()) {
            last = complete.get(complete.size() - 1);
        }
    }

    long applied() {
        return applied;
    }

    /** The last event applied, or null. */
    Event last() {
        return last;
    }
}
