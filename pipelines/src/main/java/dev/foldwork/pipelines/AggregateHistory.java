package dev.foldwork.pipelines;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.FoldCheckpoint;
import java.util.List;

/**
 * What a command decides on: an aggregate's stored history folded from the start by the same
 * fold the projections use, so the command and the read side never disagree about a state.
 */
public final class AggregateHistory {
    private AggregateHistory() {}

    public static <S> S fold(FoldProjection<S> fold, List<Event> history) {
        return FoldStep.apply(fold, fold.init(), FoldCheckpoint.START, history).state();
    }
}
