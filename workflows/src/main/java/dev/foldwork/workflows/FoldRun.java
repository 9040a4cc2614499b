package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.List;

/**
 * What a run starts from. A fresh run has only its group; a run continued as new also gets the
 * events its predecessor held but did not consume (they go ahead of any signal), the ids it
 * consumed last (for dedup), the parked event if any, the running count and the last applied event.
 */
public record FoldRun(FoldGroupId group, List<Event> carried, List<String> consumedIds, Parked parked, long applied, Event last) {
    public FoldRun {
        carried = carried == null ? List.of() : List.copyOf(carried);
        consumedIds = consumedIds == null ? List.of() : List.copyOf(consumedIds);
    }

    public static FoldRun fresh(FoldGroupId group) {
        return new FoldRun(group, List.of(), List.of(), null, 0, null);
    }
}
