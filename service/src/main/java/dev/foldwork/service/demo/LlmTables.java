package dev.foldwork.service.demo;

import static dev.foldwork.service.demo.Cells.money;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's LLM view of the trace summaries: cost, latency and throughput per model, and the
 * users who spend the most. A trace counts for the model it used last (its summary's first model).
 */
final class LlmTables {
    private static final int TOP_USERS = 8;

    private final List<TraceSummary> traces = new ArrayList<>();
    private final PrintStream out;

    LlmTables(ProjectionSnapshot snapshot, List<TenantId> tenants, PrintStream out) {
        tenants.forEach(tenant -> traces.addAll(snapshot.states(tenant, TracePipeline.SUMMARY).values()));
        this.out = out;
    }

    void print() {
        models();
        users();
    }

    private void models() {
        Map<String, List<TraceSummary>> byModel = traces.stream().filter(t -> !t.models().isEmpty())
                .collect(Collectors.groupingBy(t -> t.models().get(0), TreeMap::new, Collectors.toList()));
        TextTable table = new TextTable("model", "traces", "tokens in/out", "cached in", "cost", "cost/trace",
                "TTFT p50 ms", "TTFT p90 ms", "tokens/s");
        byModel.forEach((model, group) -> {
            double cost = group.stream().mapToDouble(TraceSummary::totalCost).sum();
            List<Long> ttft = group.stream().map(TraceSummary::timeToFirstTokenMs).filter(Objects::nonNull).sorted().toList();
            table.row(model, group.size(),
                    group.stream().mapToLong(TraceSummary::inputTokens).sum() + "/" + group.stream().mapToLong(TraceSummary::outputTokens).sum(),
                    group.stream().mapToLong(TraceSummary::cachedInputTokens).sum(),
                    money(cost), money(cost / group.size()), percentile(ttft, 0.5), percentile(ttft, 0.9),
                    String.format(Locale.ROOT, "%.1f", group.stream().map(TraceSummary::tokensPerSecond)
                            .filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().orElse(0)));
        });
        out.println("Cost and latency per model (fold trace_summary; a trace counts for its most recent model)");
        table.print(out);
    }

    private void users() {
        Map<String, List<TraceSummary>> byUser = traces.stream().filter(t -> t.userId() != null)
                .collect(Collectors.groupingBy(TraceSummary::userId));
        TextTable table = new TextTable("user", "traces", "threads", "cost", "tokens in/out", "error traces", "TTFT p50 ms");
        byUser.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, List<TraceSummary>> e) ->
                        e.getValue().stream().mapToDouble(TraceSummary::totalCost).sum()).reversed().thenComparing(Map.Entry::getKey))
                .limit(TOP_USERS)
                .forEach(e -> {
                    List<TraceSummary> group = e.getValue();
                    table.row(e.getKey(), group.size(), group.stream().map(TraceSummary::threadId).filter(Objects::nonNull).distinct().count(),
                            money(group.stream().mapToDouble(TraceSummary::totalCost).sum()),
                            group.stream().mapToLong(TraceSummary::inputTokens).sum() + "/" + group.stream().mapToLong(TraceSummary::outputTokens).sum(),
                            group.stream().filter(t -> t.status() == TraceStatus.ERROR).count(),
                            percentile(group.stream().map(TraceSummary::timeToFirstTokenMs).filter(Objects::nonNull).sorted().toList(), 0.5));
                });
        out.println("Top " + TOP_USERS + " users by cost (of " + byUser.size() + " users; fold trace_summary)");
        table.print(out);
    }

    private static String percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? "-" : String.format(Locale.ROOT, "%,d", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))));
    }
}
