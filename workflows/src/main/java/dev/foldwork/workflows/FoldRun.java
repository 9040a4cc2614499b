package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run starts from. A fresh run has only its group; a run continued as new also gets the
 * events its predecessor held but did not consume (they go ahead of any signal), the ids it
 * consumed last (for dedup), the parked event if any, events an operator skipped but not yet
 * consumed, the running count, the last applied event and the debounced reactions still waiting to
 * run (absent from inputs recorded before debouncing existed: none).
 */
public record FoldRun(FoldGroupId group, List<Event> carried, List<String> consumedIds, Parked parked,
                      Map<String, String> skips, long applied, Event last, List<PendingReaction> pendingReactions) {
    public FoldRun {
        carried = carried == null ? List.of() : List.copyOf(carried);
        consumedIds = consumedIds == null ? List.of() : List.copyOf(consumedIds);
        skips = skips == null ? Map.of() : new LinkedHashMap<>(skips);
        pendingReactions = pendingReactions == null ? List.of() : List.copyOf(pendingReactions);
    }

    public static FoldRun fresh(FoldGroupId group) {
        return new FoldRun(group, List.of(), List.of(), null, Map.of(), 0, null, List.of());
    }
}
