package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run starts from. A fresh run has only its group; a run continued as new also gets the
 * events its predecessor held but did not consume (they go ahead of any signal), the parked event
 * if any, events an operator skipped but not yet consumed, the running count, the last applied
 * event, the debounced reactions still waiting to run and its stream writer's state (absent in
 * runs recorded before the workflow wrote streams). Duplicates need no memory here: the folds'
 * positions, loaded at the start of each run, say what was consumed.
 */
public record FoldRun(FoldGroupId group, List<Event> carried, Parked parked,
                      Map<String, String> skips, long applied, Event last, List<PendingReaction> pendingReactions,
                      StreamWriterState writer) {
    public FoldRun {
        carried = carried == null ? List.of() : List.copyOf(carried);
        skips = skips == null ? Map.of() : new LinkedHashMap<>(skips);
        pendingReactions = pendingReactions == null ? List.of() : List.copyOf(pendingReactions);
        writer = writer == null ? StreamWriterState.unknown() : writer;
    }

    public static FoldRun fresh(FoldGroupId group) {
        return new FoldRun(group, List.of(), null, Map.of(), 0, null, List.of(), StreamWriterState.unknown());
    }
}
