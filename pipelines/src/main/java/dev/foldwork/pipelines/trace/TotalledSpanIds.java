package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ids of the spans a trace summary has added to its running totals (the spans outside its
 * sample), while there are at most {@link #MAX_IDS} of them: a span reported again, as an OTLP
 * exporter does when it sends an export again after a timeout or a 503, is then not counted twice.
 *
 * <p>Bounded, as {@link UsageSpans}: the first id beyond {@link #MAX_IDS} drops the ids and marks
 * the set {@code overflowed} for good, and from then on a span reported again outside the sample
 * counts again. Whether a trace overflows depends only on how many distinct span ids it has, so
 * spans reported once give the same summary in any order; a span reported twice with different
 * content keeps, outside the sample, the report that came first.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record TotalledSpanIds(SortedSet<String> ids, boolean overflowed) {
    /** Span ids the summary keeps, about 19 bytes each in the stored state (TraceSummarySizeTest bounds it). */
    public static final int MAX_IDS = 64;
    public static final TotalledSpanIds NONE = new TotalledSpanIds(new TreeSet<>(), false);

    public TotalledSpanIds {
        ids = ids == null ? new TreeSet<>() : ids;
    }

    /** Whether {@code spanId} is in the totals already (never, once overflowed). */
    boolean holds(String spanId) {
        return ids.contains(spanId);
    }

    /** These ids and {@code spanId}: a new set, so a state never changes under its readers. */
    TotalledSpanIds plus(String spanId) {
        if (overflowed) {
            return this;
        }
        if (ids.size() >= MAX_IDS) {
            return new TotalledSpanIds(new TreeSet<>(), true);
        }
        TreeSet<String> more = new TreeSet<>(ids);
        more.add(spanId);
        return new TotalledSpanIds(more, false);
    }
}
