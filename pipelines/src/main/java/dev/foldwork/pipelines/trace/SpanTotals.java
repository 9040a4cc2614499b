package dev.foldwork.pipelines.trace;

import dev.foldwork.pipelines.Limits;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Running totals over a set of spans, of a size that does not grow with them. Every field is
 * combined by an order-free rule (sums, min, max, the earliest root, the smallest model names),
 * and cost is summed in exact nano-units, so the same spans in any order give the same totals.
 *
 * @param costNanos the summed cost in units of 10^-9, saturating like every sum
 * @param root      the root span (no parent) that started first, ties to the lower span id
 * @param models    the alphabetically first {@link #MAX_MODELS} model names seen
 */
public record SpanTotals(long count, long startTimeMs, long endTimeMs, long inputTokens, long outputTokens,
                         long costNanos, long errors, Root root, SortedSet<String> models) {
    public static final int MAX_MODELS = 8;
    public static final SpanTotals NONE = new SpanTotals(0, 0, 0, 0, 0, 0, 0, null, new TreeSet<>());

    /** The root span a summary names. */
    public record Root(String spanId, String name, long startTimeMs) {
        boolean before(Root other) {
            return other == null || startTimeMs < other.startTimeMs
                    || (startTimeMs == other.startTimeMs && spanId.compareTo(other.spanId) < 0);
        }
    }

    public SpanTotals plus(String spanId, SpanFact fact) {
        Root candidate = fact.isRoot() ? new Root(spanId, fact.name(), fact.startTimeMs()) : null;
        return new SpanTotals(count + 1,
                count == 0 ? fact.startTimeMs() : Math.min(startTimeMs, fact.startTimeMs()),
                count == 0 ? fact.endTimeMs() : Math.max(endTimeMs, fact.endTimeMs()),
                Limits.add(inputTokens, fact.inputTokens()), Limits.add(outputTokens, fact.outputTokens()),
                Limits.add(costNanos, Math.round(fact.cost() * 1e9)), errors + (fact.error() ? 1 : 0),
                candidate != null && candidate.before(root) ? candidate : root, withModel(fact.model()));
    }

    /** The model names with {@code model} added: the same set when it changes nothing (sets are never changed once made). */
    private SortedSet<String> withModel(String model) {
        SortedSet<String> known = models == null ? NONE.models : models;
        if (model == null || known.contains(model)
                || (known.size() >= MAX_MODELS && model.compareTo(known.last()) > 0)) {
            return known;
        }
        TreeSet<String> names = new TreeSet<>(known);
        names.add(model);
        while (names.size() > MAX_MODELS) {
            names.pollLast();
        }
        return names;
    }

    public double cost() {
        return costNanos / 1e9;
    }
}
