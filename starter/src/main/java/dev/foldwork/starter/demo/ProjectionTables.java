package dev.foldwork.starter.demo;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.evaluation.EvaluationRun;
import dev.foldwork.pipelines.evaluation.EvaluationStatus;
import dev.foldwork.pipelines.experimentrun.EvaluatorStats;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunState;
import dev.foldwork.pipelines.global.BillingMeter;
import dev.foldwork.pipelines.global.SdkUsage;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.simulation.SimulationRunState;
import dev.foldwork.pipelines.simulation.SimulationStatus;
import dev.foldwork.pipelines.simulation.SimulationVerdict;
import dev.foldwork.pipelines.trace.EvaluationTriggerReactor;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's view of the projections: one table per fold, read from a snapshot. */
final class ProjectionTables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ProjectionSnapshot snapshot;
    private final List<TenantId> tenants;
    private final PrintStream out;

    ProjectionTables(ProjectionSnapshot snapshot, List<TenantId> tenants, PrintStream out) {
        this.snapshot = snapshot;
        this.tenants = tenants;
        this.out = out;
    }

    void printAll() {
        traces();
        largestTraces();
        new LlmTables(snapshot, tenants, out).print();
        evaluations();
        experimentRuns();
        simulations();
        billing();
        sdkUsage();
    }

    private void traces() {
        TextTable table = new TextTable("tenant", "traces", "spans", "input tokens", "output tokens", "cost", "error traces");
        for (TenantId tenant : tenants) {
            Collection<TraceSummary> traces = snapshot.states(tenant, TracePipeline.SUMMARY).values();
            table.row(tenant, count(traces.size()),
                    count(traces.stream().mapToLong(TraceSummary::spanCount).sum()),
                    count(traces.stream().mapToLong(TraceSummary::inputTokens).sum()),
                    count(traces.stream().mapToLong(TraceSummary::outputTokens).sum()),
                    money(traces.stream().mapToDouble(TraceSummary::totalCost).sum()),
                    count(traces.stream().filter(t -> t.status() == TraceStatus.ERROR).count()));
        }
        title("Traces per tenant (fold trace_summary; span records stored: "
                + count(snapshot.recordCount(TracePipeline.SPAN_STORAGE)) + ")");
        table.print(out);
    }

    private void largestTraces() {
        List<Map.Entry<TenantId, TraceSummary>> all = new ArrayList<>();
        for (TenantId tenant : tenants) {
            snapshot.states(tenant, TracePipeline.SUMMARY).values().forEach(t -> all.add(Map.entry(tenant, t)));
        }
        all.sort(Comparator.comparing((Map.Entry<TenantId, TraceSummary> e) -> e.getValue().spanCount())
                .thenComparing(e -> e.getValue().totalCost()).reversed());
        TextTable table = new TextTable("tenant", "trace", "root span", "spans", "duration ms", "tokens in/out",
                "cost", "errors", "status", "models");
        for (Map.Entry<TenantId, TraceSummary> entry : all.subList(0, Math.min(6, all.size()))) {
            TraceSummary t = entry.getValue();
            table.row(entry.getKey(), t.traceId().substring(0, 12) + "..", t.rootSpanName(), t.spanCount(),
                    count(t.durationMs()), t.inputTokens() + "/" + t.outputTokens(), money(t.totalCost()),
                    t.errorCount(), lower(t.status()), String.join(", ", t.models()));
        }
        title("Largest traces");
        table.print(out);
    }

    private void evaluations() {
        TextTable table = new TextTable("tenant", "scheduled", "in progress", "processed", "skipped", "error",
                "auto-triggered", "mean score", "pass rate");
        for (TenantId tenant : tenants) {
            Collection<EvaluationRun> runs = snapshot.states(tenant, EvaluationPipeline.RUN).values();
            Map<EvaluationStatus, Long> byStatus = runs.stream()
                    .collect(Collectors.groupingBy(EvaluationRun::status, Collectors.counting()));
            List<EvaluationRun> processed = runs.stream().filter(r -> r.status() == EvaluationStatus.PROCESSED).toList();
            table.row(tenant, byStatus.getOrDefault(EvaluationStatus.SCHEDULED, 0L),
                    byStatus.getOrDefault(EvaluationStatus.IN_PROGRESS, 0L),
                    byStatus.getOrDefault(EvaluationStatus.PROCESSED, 0L),
                    byStatus.getOrDefault(EvaluationStatus.SKIPPED, 0L),
                    byStatus.getOrDefault(EvaluationStatus.ERROR, 0L),
                    runs.stream().filter(r -> r.evaluationId().startsWith(EvaluationTriggerReactor.EVALUATION_ID_PREFIX)).count(),
                    decimal(processed.stream().mapToDouble(EvaluationRun::score).average().orElse(0)),
                    percent(processed.stream().filter(EvaluationRun::passed).count(), processed.size()));
        }
        title("Evaluations by status (fold evaluation_run; auto-triggered = scheduled by the trace's evaluation_trigger)");
        table.print(out);
    }

    private void experimentRuns() {
        TextTable table = new TextTable("tenant", "run", "experiment", "status", "progress", "target results",
                "errors", "cost", "evaluators: mean score / pass rate");
        int shown = 0;
        long total = 0;
        for (TenantId tenant : tenants) {
            for (ExperimentRunState run : snapshot.states(tenant, ExperimentRunPipeline.STATE).values()) {
                total++;
                if (shown++ < 8) {
                    table.row(tenant, run.runId(), run.experimentId(), lower(run.status()),
                            String.format(Locale.ROOT, "%.0f%%", run.progress() * 100),
                            run.targetResults() + "/" + run.expectedTargetResults(), run.errorCount(),
                            money(run.totalCost()), evaluators(run.evaluatorStats()));
                }
            }
        }
        title("Experiment runs (fold experiment_run_state; " + total + " runs, " + Math.min(8, total)
                + " shown; result records: " + count(snapshot.recordCount(ExperimentRunPipeline.RESULTS)) + ")");
        table.print(out);
    }

    private void simulations() {
        TextTable table = new TextTable("tenant", "runs", "running", "finished", "deleted", "success", "failure",
                "inconclusive", "mean messages");
        for (TenantId tenant : tenants) {
            Collection<SimulationRunState> runs = snapshot.states(tenant, SimulationPipeline.STATE).values();
            table.row(tenant, runs.size(),
                    runs.stream().filter(r -> r.status() == SimulationStatus.RUNNING).count(),
                    runs.stream().filter(r -> r.status() == SimulationStatus.FINISHED).count(),
                    runs.stream().filter(SimulationRunState::deleted).count(),
                    runs.stream().filter(r -> r.verdict() == SimulationVerdict.SUCCESS).count(),
                    runs.stream().filter(r -> r.verdict() == SimulationVerdict.FAILURE).count(),
                    runs.stream().filter(r -> r.verdict() == SimulationVerdict.INCONCLUSIVE).count(),
                    decimal(runs.stream().mapToLong(SimulationRunState::messageCount).average().orElse(0)));
        }
        title("Simulations (fold simulation_run_state; metric records: "
                + count(snapshot.recordCount(SimulationPipeline.METRICS)) + ")");
        table.print(out);
    }

    private void billing() {
        TextTable table = new TextTable("tenant", "month", "billable events", "by category");
        for (TenantId tenant : tenants) {
            for (BillingMeter meter : snapshot.states(tenant, Pipelines.BILLING_METER).values()) {
                table.row(tenant, meter.month(), count(meter.billableEvents()), breakdown(meter.byCategory()));
            }
        }
        title("Billing per tenant and month (global fold billing_meter)");
        table.print(out);
    }

    private void sdkUsage() {
        TextTable table = new TextTable("tenant", "sdk", "version", "events", "by aggregate type", "first seen", "last seen");
        for (TenantId tenant : tenants) {
            for (SdkUsage usage : snapshot.states(tenant, Pipelines.SDK_USAGE).values()) {
                table.row(tenant, usage.sdkName(), usage.sdkVersion(), count(usage.events()),
                        breakdown(usage.byAggregateType()), TIME.format(Instant.ofEpochMilli(usage.firstSeenAt())),
                        TIME.format(Instant.ofEpochMilli(usage.lastSeenAt())));
            }
        }
        title("SDK usage per tenant (global fold sdk_usage; times UTC)");
        table.print(out);
    }

    private void title(String title) {
        out.println(title);
    }

    private static String evaluators(Map<String, EvaluatorStats> stats) {
        return stats.entrySet().stream()
                .map(e -> e.getKey() + " " + decimal(e.getValue().meanScore()) + " / "
                        + String.format(Locale.ROOT, "%.0f%%", e.getValue().passRate() * 100))
                .collect(Collectors.joining(", "));
    }

    private static String breakdown(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "$%,.4f", value);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
