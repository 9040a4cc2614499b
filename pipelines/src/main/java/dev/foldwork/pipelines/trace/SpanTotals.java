package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.foldwork.pipelines.Limits;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Running totals over a set of spans, of a size that does not grow with them. Every field is
 * combined by an order-free rule (sums, min, max, the best of a total order, bounded sets that
 * keep the smallest or the most recent), and cost is summed in exact nano-units, so the same spans
 * in any order give the same totals. Spans without usable timing ({@link SpanFact#timed()}) count
 * everywhere but in the timing.
 *
 * @param inputTokens the input tokens of the spans that are calls (not rollups); with the output
 *                    tokens, cached and reasoning tokens and cost (in units of 10^-9) their usage.
 *                    Flat, as states stored before rollups existed hold them
 * @param rollups usage reported by rollup spans (agents, workflows), which repeat their calls'
 *                usage; the summary uses them only when no call reported any, so nothing counts twice
 * @param usageSpans the usage-carrying spans with their parents, while few enough, so a parent of
 *                   any name that repeats its children's usage is not counted ({@link #usage()}).
 *                   A state stored before it held usage outside it: read as overflowed
 * @param root    the root span (no parent) that started first, ties to the lower span id
 * @param first   the span of any kind that started first: the trace's name when it has no root
 * @param modelsLastUsed model name to the latest end of a span that used it, the {@link #MAX_MODELS}
 *                       most recent (states stored before kept a set named {@code models}; it is
 *                       not read, so those spans' models drop out of the list)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record SpanTotals(long count, long timed, long startTimeMs, long endTimeMs, long inputTokens, long outputTokens,
                         long cachedInputTokens, long reasoningTokens, long costNanos, Usage rollups,
                         UsageSpans usageSpans, long errors, Root root, Root first, SortedMap<String, Long> modelsLastUsed,
                         SortedSet<String> labels, SortedSet<String> promptIds, Pick input, Latest output, Pick errorMessage, Pick userId,
                         Pick threadId, Pick customerId, Pick sdk, long firstTokenAtMs, long lastTokenAtMs,
                         long generatedTokens, long generationMs) {
    public static final int MAX_MODELS = 8;
    public static final int MAX_LABELS = 32;
    public static final int MAX_PROMPT_IDS = 8;
    public static final SpanTotals NONE = new SpanTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, Usage.NONE, UsageSpans.NONE, 0, null, null,
            null, null, null, null, null, null, null, null, null, null, 0, 0, 0, 0);

    public SpanTotals {
        rollups = rollups == null ? Usage.NONE : rollups;
        boolean usageOutside = costNanos != 0 || inputTokens != 0 || outputTokens != 0 || cachedInputTokens != 0
                || reasoningTokens != 0 || !rollups.isEmpty();
        if (usageSpans == null || (usageSpans.isEmpty() && usageOutside)) {
            usageSpans = usageOutside ? UsageSpans.OVERFLOWED : UsageSpans.NONE; // stored before usageSpans existed
        }
        modelsLastUsed = modelsLastUsed == null ? new TreeMap<>() : modelsLastUsed;
        if (timed == 0 && count > 0 && (startTimeMs != 0 || endTimeMs != 0)) {
            timed = count; // stored before untimed spans were told apart: its times came from all its spans
        }
        labels = labels == null ? new TreeSet<>() : labels;
        promptIds = promptIds == null ? new TreeSet<>() : promptIds;
    }

    /** Tokens and cost, summed with saturation; cost in units of 10^-9. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long reasoningTokens, long costNanos) {
        public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

        Usage plus(SpanFact f) {
            return plus(f.inputTokens(), f.outputTokens(), f.cachedInputTokens(), f.reasoningTokens(), Math.round(f.cost() * 1e9));
        }

        Usage plus(Usage other) {
            return plus(other.inputTokens, other.outputTokens, other.cachedInputTokens, other.reasoningTokens, other.costNanos);
        }

        Usage plus(long input, long output, long cached, long reasoning, long nanos) {
            return new Usage(Limits.add(inputTokens, input), Limits.add(outputTokens, output),
                    Limits.add(cachedInputTokens, cached), Limits.add(reasoningTokens, reasoning), Limits.add(costNanos, nanos));
        }

        @JsonIgnore
        public boolean isEmpty() {
            return equals(NONE);
        }
    }

    /** A span a summary names: the earliest by start (untimed spans last), ties to the lower span id. */
    public record Root(String spanId, String name, long startTimeMs) {
        boolean before(Root other) {
            return other == null || startTimeMs < other.startTimeMs
                    || (startTimeMs == other.startTimeMs && spanId.compareTo(other.spanId) < 0);
        }
    }

    /** A value taken from the best span: a root before any other, then the earliest start, then the lower span id. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Pick(boolean root, long startTimeMs, String spanId, String value) {
        static Pick better(Pick current, String spanId, SpanFact fact, String value) {
            if (value == null) {
                return current;
            }
            Pick candidate = new Pick(fact.isRoot(), fact.timed() ? fact.startTimeMs() : Long.MAX_VALUE, spanId, value);
            if (current == null || (candidate.root && !current.root)) {
                return candidate;
            }
            if (candidate.root != current.root) {
                return current;
            }
            int byStart = Long.compare(candidate.startTimeMs, current.startTimeMs);
            return byStart < 0 || (byStart == 0 && spanId.compareTo(current.spanId) < 0) ? candidate : current;
        }
    }

    /** A value taken from the span that ended last (untimed spans first), ties to the greater span id. */
    public record Latest(long endTimeMs, String spanId, String value) {
        static Latest later(Latest current, String spanId, SpanFact fact, String value) {
            if (value == null) {
                return current;
            }
            Latest candidate = new Latest(fact.timed() ? fact.endTimeMs() : 0, spanId, value);
            if (current == null) {
                return candidate;
            }
            int byEnd = Long.compare(candidate.endTimeMs, current.endTimeMs);
            return byEnd > 0 || (byEnd == 0 && spanId.compareTo(current.spanId) > 0) ? candidate : current;
        }
    }

    public SpanTotals plus(String spanId, SpanFact fact) {
        boolean timedSpan = fact.timed();
        Root named = new Root(spanId, fact.name(), timedSpan ? fact.startTimeMs() : Long.MAX_VALUE);
        boolean firstTimed = timed == 0;
        boolean call = !fact.rollup();
        return new SpanTotals(count + 1, timed + (timedSpan ? 1 : 0),
                !timedSpan ? startTimeMs : firstTimed ? fact.startTimeMs() : Math.min(startTimeMs, fact.startTimeMs()),
                !timedSpan ? endTimeMs : firstTimed ? fact.endTimeMs() : Math.max(endTimeMs, fact.endTimeMs()),
                call ? Limits.add(inputTokens, fact.inputTokens()) : inputTokens,
                call ? Limits.add(outputTokens, fact.outputTokens()) : outputTokens,
                call ? Limits.add(cachedInputTokens, fact.cachedInputTokens()) : cachedInputTokens,
                call ? Limits.add(reasoningTokens, fact.reasoningTokens()) : reasoningTokens,
                call ? Limits.add(costNanos, Math.round(fact.cost() * 1e9)) : costNanos,
                call ? rollups : rollups.plus(fact),
                usageSpans.plus(spanId, fact),
                errors + (fact.error() ? 1 : 0),
                fact.isRoot() && named.before(root) ? named : root,
                named.before(first) ? named : first,
                withModel(fact.model(), timedSpan ? fact.endTimeMs() : 0),
                bounded(labels, fact.labels(), MAX_LABELS),
                bounded(promptIds, fact.promptId() == null ? List.of() : List.of(fact.promptId()), MAX_PROMPT_IDS),
                Pick.better(input, spanId, fact, fact.input()),
                Latest.later(output, spanId, fact, fact.output()),
                Pick.better(errorMessage, spanId, fact, fact.error() ? fact.errorMessage() : null),
                Pick.better(userId, spanId, fact, fact.userId()),
                Pick.better(threadId, spanId, fact, fact.threadId()),
                Pick.better(customerId, spanId, fact, fact.customerId()),
                Pick.better(sdk, spanId, fact, fact.sdk()),
                fact.firstTokenAtMs() <= 0 ? firstTokenAtMs
                        : firstTokenAtMs == 0 ? fact.firstTokenAtMs() : Math.min(firstTokenAtMs, fact.firstTokenAtMs()),
                fact.llm() && timedSpan ? Math.max(lastTokenAtMs, fact.endTimeMs()) : lastTokenAtMs,
                generates(fact) ? Limits.add(generatedTokens, fact.outputTokens()) : generatedTokens,
                generates(fact) ? Limits.add(generationMs, generationMs(fact)) : generationMs);
    }

    /** A call whose output and timing say how fast it generated. */
    private static boolean generates(SpanFact fact) {
        return fact.llm() && fact.timed() && fact.outputTokens() > 0 && generationMs(fact) > 0;
    }

    /** From the first token (or the start, when unknown) to the end. */
    private static long generationMs(SpanFact fact) {
        long from = fact.firstTokenAtMs() >= fact.startTimeMs() && fact.firstTokenAtMs() <= fact.endTimeMs()
                ? fact.firstTokenAtMs() : fact.startTimeMs();
        return fact.endTimeMs() - from;
    }

    /** The models with {@code model} used at {@code at}: the most recent {@link #MAX_MODELS}, ties to the smaller name. */
    private SortedMap<String, Long> withModel(String model, long at) {
        if (model == null || (modelsLastUsed.containsKey(model) && modelsLastUsed.get(model) >= at)) {
            return modelsLastUsed;
        }
        TreeMap<String, Long> next = new TreeMap<>(modelsLastUsed);
        next.merge(model, at, Math::max);
        while (next.size() > MAX_MODELS) {
            next.remove(leastRecent(next));
        }
        return next;
    }

    private static String leastRecent(SortedMap<String, Long> models) {
        String least = null;
        for (var entry : models.entrySet()) {
            if (least == null || entry.getValue() < models.get(least)
                    || (entry.getValue().equals(models.get(least)) && entry.getKey().compareTo(least) > 0)) {
                least = entry.getKey();
            }
        }
        return least;
    }

    /** {@code known} with {@code added}: the alphabetically first {@code max}; the same set when nothing changes. */
    private static SortedSet<String> bounded(SortedSet<String> known, List<String> added, int max) {
        if (known.containsAll(added)) {
            return known;
        }
        TreeSet<String> next = new TreeSet<>(known);
        next.addAll(added);
        while (next.size() > max) {
            next.pollLast();
        }
        return next.equals(known) ? known : next;
    }

    /**
     * Usage the summary reports: by structure while the trace has few usage-carrying spans
     * ({@link UsageSpans}); beyond that by operation name, the calls', or the rollups' when no call
     * reported any.
     */
    public Usage usage() {
        return usageSpans.usage().orElseGet(() -> {
            Usage calls = Usage.NONE.plus(inputTokens, outputTokens, cachedInputTokens, reasoningTokens, costNanos);
            return calls.isEmpty() ? rollups : calls;
        });
    }

    /** Model names, most recently used first (ties by name). */
    public List<String> modelsByRecency() {
        return modelsLastUsed.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }
}
