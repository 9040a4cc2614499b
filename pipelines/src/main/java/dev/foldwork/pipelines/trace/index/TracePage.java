package dev.foldwork.pipelines.trace.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One page of traces (their summary fields) and the cursor of the next page, null on the last. */
public record TracePage(List<ObjectNode> items, String nextCursor) {
    /** The page of the first {@code limit} of {@code matches}; one more match means there is a next page. */
    static TracePage of(List<TraceIndexRow> matches, int limit) {
        List<TraceIndexRow> page = matches.subList(0, Math.min(limit, matches.size()));
        String next = null;
        if (matches.size() > limit) {
            TraceIndexRow last = page.get(page.size() - 1);
            next = new TraceCursor(last.startTimeMs(), last.traceId()).encode();
        }
        return new TracePage(page.stream().map(TraceIndexRow::summary).toList(), next);
    }
}
