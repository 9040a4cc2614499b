package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.foldwork.pipelines.trace.SpanTotals.Usage;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The spans of a trace that carry usage (tokens or cost), each with its parent, while there are at
 * most {@link #MAX_SPANS} of them: enough to see by structure which spans repeat the usage of the
 * calls under them. A span whose child carries usage reports the sum of its calls, whatever its
 * name (an agent, a chain, or any parent an SDK gave the summed usage), so it does not count.
 *
 * <p>Bounded: the first span id beyond {@link #MAX_SPANS} drops the spans and marks the set
 * {@code overflowed} for good, and the summary falls back to the operation-name rule
 * ({@link GenAiConventions#ROLLUP_OPERATIONS}, see {@link SpanTotals#usage()}). Whether a trace
 * overflows depends only on how many distinct span ids carry usage, and a span id reported twice
 * keeps its greatest report by {@link #ORDER}, so any arrival order gives the same set. Only the
 * direct child is seen: a parent whose usage passes through a span without usage is not told apart.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record UsageSpans(SortedMap<String, UsageSpan> spans, boolean overflowed) {
    /** Usage-carrying spans a summary keeps; about 100 bytes each in the stored state. */
    public static final int MAX_SPANS = 32;
    public static final UsageSpans NONE = new UsageSpans(new TreeMap<>(), false);
    public static final UsageSpans OVERFLOWED = new UsageSpans(new TreeMap<>(), true);

    public UsageSpans {
        spans = spans == null ? new TreeMap<>() : spans;
    }

    /** What the summary keeps of a usage-carrying span; {@code rollup} by its operation name. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record UsageSpan(String parentSpanId, boolean rollup, Usage usage) {}

    /** A total order, so the same reports of one span id keep the same one in any order. */
    static final Comparator<UsageSpan> ORDER = Comparator.<UsageSpan>comparingLong(s -> s.usage().inputTokens())
            .thenComparingLong(s -> s.usage().outputTokens())
            .thenComparingLong(s -> s.usage().cachedInputTokens())
            .thenComparingLong(s -> s.usage().reasoningTokens())
            .thenComparingLong(s -> s.usage().costNanos())
            .thenComparing(UsageSpan::rollup)
            .thenComparing(UsageSpan::parentSpanId, Comparator.nullsFirst(Comparator.naturalOrder()));

    UsageSpans plus(String spanId, SpanFact fact) {
        Usage usage = Usage.NONE.plus(fact);
        if (overflowed || usage.isEmpty()) {
            return this;
        }
        UsageSpan span = new UsageSpan(fact.parentSpanId(), fact.rollup(), usage);
        UsageSpan known = spans.get(spanId);
        if (known != null && ORDER.compare(span, known) <= 0) {
            return this;
        }
        if (known == null && spans.size() == MAX_SPANS) {
            return OVERFLOWED;
        }
        TreeMap<String, UsageSpan> next = new TreeMap<>(spans);
        next.put(spanId, span);
        return new UsageSpans(next, false);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return spans.isEmpty() && !overflowed;
    }

    /**
     * The trace's usage by structure: the spans no usage-carrying child lies under; of those, the
     * calls', or the rollups' when no call reported any (as the name rule). Empty once overflowed.
     */
    Optional<Usage> usage() {
        if (overflowed) {
            return Optional.empty();
        }
        Set<String> parents = new HashSet<>();
        spans.forEach((id, span) -> {
            if (span.parentSpanId() != null && !span.parentSpanId().equals(id)) {
                parents.add(span.parentSpanId());
            }
        });
        Usage calls = Usage.NONE;
        Usage rollups = Usage.NONE;
        for (Map.Entry<String, UsageSpan> entry : spans.entrySet()) {
            if (parents.contains(entry.getKey())) {
                continue;
            }
            UsageSpan span = entry.getValue();
            if (span.rollup()) {
                rollups = rollups.plus(span.usage());
            } else {
                calls = calls.plus(span.usage());
            }
        }
        return Optional.of(calls.isEmpty() ? rollups : calls);
    }
}
