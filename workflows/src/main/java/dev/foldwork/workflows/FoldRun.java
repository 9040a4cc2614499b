package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.runtime.SkippedEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run starts from. A fresh run has only its group; a run continued as new also gets the
 * events its predecessor held but did not consume (they go ahead of any signal), the parked event
 * if any, the running count, the last applied event, the debounced reactions still waiting to run,
 * its stream writer's state (absent in runs recorded before the workflow wrote streams) and the
 * skips an operator asked for whose events were not consumed yet, and the stream ranges of
 * events it was told are stored but did not read yet (absent in runs recorded before). Duplicates need no memory here:
 * the folds' positions, loaded at the start of each run, say what was consumed.
 *
 * @param legacySkips skips as runs continued before one event could be skipped by several folds
 *                    carried them (event id to fold); new runs carry {@code skipped} instead
 */
public record FoldRun(FoldGroupId group, List<Event> carried, Parked parked,
                      @JsonProperty("skips") Map<String, String> legacySkips, long applied, Event last,
                      List<PendingReaction> pendingReactions, StreamWriterState writer, List<SkippedEvent> skipped,
                      List<SeqRange> stored) {
    public FoldRun {
        carried = carried == null ? List.of() : List.copyOf(carried);
        legacySkips = legacySkips == null ? Map.of() : new LinkedHashMap<>(legacySkips);
        pendingReactions = pendingReactions == null ? List.of() : List.copyOf(pendingReactions);
        writer = writer == null ? StreamWriterState.unknown() : writer;
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        stored = stored == null ? List.of() : List.copyOf(stored);
    }

    public static FoldRun fresh(FoldGroupId group) {
        return new FoldRun(group, List.of(), null, Map.of(), 0, null, List.of(), StreamWriterState.unknown(), List.of(),
                List.of());
    }

    /** Every skip this run starts with, whichever field carried it. */
    @JsonIgnore
    public Set<SkippedEvent> skips() {
        Set<SkippedEvent> skips = new LinkedHashSet<>();
        legacySkips.forEach((eventId, fold) -> skips.add(new SkippedEvent(eventId, fold)));
        skips.addAll(skipped);
        return skips;
    }
}
