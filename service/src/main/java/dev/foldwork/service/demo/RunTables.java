package dev.foldwork.service.demo;

import static dev.foldwork.service.demo.Cells.count;
import static dev.foldwork.service.demo.Cells.costs;
import static dev.foldwork.service.demo.Cells.cut;
import static dev.foldwork.service.demo.Cells.decimal;
import static dev.foldwork.service.demo.Cells.lower;
import static dev.foldwork.service.demo.Cells.money;
import static dev.foldwork.service.demo.Cells.percent;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.evaluation.EvaluationRun;
import dev.foldwork.pipelines.evaluation.EvaluationStatus;
import dev.foldwork.pipelines.experimentrun.EvaluatorStats;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunState;
import dev.foldwork.pipelines.experimentrun.ExperimentRunStatus;
import dev.foldwork.pipelines.experimentrun.TargetStats;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.simulation.SimulationOutcome;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.simulation.SimulationRunState;
import dev.foldwork.pipelines.simulation.SimulationStatus;
import dev.foldwork.pipelines.simulation.SimulationVerdict;
import dev.foldwork.pipelines.trace.EvaluationTriggerReactor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The demo's view of the runs: evaluations (per tenant and per evaluator), experiment runs and
 * simulations, with what their folds keep beyond a status: evaluator type, name and guardrail
 * flag, cost and duration; stopped runs, skipped and errored evaluator results, cost per target;
 * queued, cancelled and failed simulations, duration, verdict and cost per role.
 */
final class RunTables {
    /** Experiment and simulation runs listed one per row. */
    static final int SHOWN_RUNS = 8;
    private static final int MAX_TEXT = 40;

    private final ProjectionSnapshot snapshot;
    private final List<TenantId> tenants;
    private final PrintStream out;

    RunTables(ProjectionSnapshot snapshot, List<TenantId> tenants, PrintStream out) {
        this.snapshot = snapshot;
        this.tenants = tenants;
        this.out = out;
    }

    void print() {
        evaluations();
        evaluators();
        experimentRuns();
        simulations();
        simulationRuns();
    }

    private void evaluations() {
        TextTable table = new TextTable("tenant", "scheduled", "in progress", "processed", "skipped", "error",
                "guardrails", "auto-triggered", "mean score", "pass rate", "cost", "mean ms");
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
                    runs.stream().filter(EvaluationRun::guardrail).count(),
                    runs.stream().filter(r -> r.evaluationId().startsWith(EvaluationTriggerReactor.EVALUATION_ID_PREFIX)).count(),
                    meanScore(processed), passRate(processed), money(cost(runs)), meanDuration(runs));
        }
        title("Evaluations by status (fold evaluation_run; auto-triggered = scheduled by the trace's evaluation_trigger;"
                + " cost and mean ms as the evaluators reported them)");
        table.print(out);
    }

    /** One row per evaluator type, name and guardrail flag, over every tenant. */
    private void evaluators() {
        Map<String, List<EvaluationRun>> byEvaluator = new TreeMap<>();
        for (TenantId tenant : tenants) {
            for (EvaluationRun run : snapshot.states(tenant, EvaluationPipeline.RUN).values()) {
                String key = lastIfNull(run.evaluatorType()) + "\u0000" + lastIfNull(run.evaluatorName()) + "\u0000" + run.guardrail();
                byEvaluator.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
            }
        }
        TextTable table = new TextTable("evaluator type", "evaluation name", "guardrail", "runs", "processed", "error",
                "mean score", "pass rate", "cost", "mean ms");
        byEvaluator.values().forEach(runs -> {
            EvaluationRun first = runs.get(0);
            List<EvaluationRun> processed = runs.stream().filter(r -> r.status() == EvaluationStatus.PROCESSED).toList();
            table.row(first.evaluatorType(), first.evaluatorName(), first.guardrail() ? "yes" : "no", runs.size(),
                    processed.size(), runs.stream().filter(r -> r.status() == EvaluationStatus.ERROR).count(),
                    meanScore(processed), passRate(processed), money(cost(runs)), meanDuration(runs));
        });
        title("Evaluators (fold evaluation_run; by evaluator type, name and guardrail flag)");
        table.print(out);
    }

    private void experimentRuns() {
        TextTable table = new TextTable("tenant", "run", "experiment", "status", "progress", "target results",
                "errors", "cost", "cost per target", "evaluators: mean score / pass rate (skipped, errors)");
        Map<ExperimentRunStatus, Long> byStatus = new TreeMap<>();
        int shown = 0;
        for (TenantId tenant : tenants) {
            for (ExperimentRunState run : snapshot.states(tenant, ExperimentRunPipeline.STATE).values()) {
                byStatus.merge(run.status(), 1L, Long::sum);
                if (shown++ < SHOWN_RUNS) {
                    table.row(tenant, run.runId(), run.experimentId(), lower(run.status()),
                            percent(Math.round(run.progress() * 1000), 1000),
                            run.targetResults() + "/" + run.expectedTargetResults(), run.errorCount(),
                            money(run.totalCost()), targetCosts(run.targetStats()), evaluators(run.evaluatorStats()));
                }
            }
        }
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        title("Experiment runs (fold experiment_run_state; " + total + " runs" + statusCounts(byStatus) + "; "
                + Math.min(SHOWN_RUNS, total) + " shown; result records: "
                + count(snapshot.recordCount(ExperimentRunPipeline.RESULTS)) + ")");
        table.print(out);
    }

    private void simulations() {
        TextTable table = new TextTable("tenant", "runs", "queued", "running", "finished", "success", "failure", "error",
                "cancelled", "inconclusive", "deleted", "mean messages", "mean ms", "cost by role");
        for (TenantId tenant : tenants) {
            Collection<SimulationRunState> runs = snapshot.states(tenant, SimulationPipeline.STATE).values();
            TreeMap<String, Double> roleCosts = new TreeMap<>();
            runs.forEach(r -> r.roleCosts().forEach((role, cost) -> roleCosts.merge(role, cost, Double::sum)));
            table.row(tenant, runs.size(),
                    howMany(runs, r -> r.status() == SimulationStatus.QUEUED),
                    howMany(runs, r -> r.status() == SimulationStatus.RUNNING),
                    howMany(runs, r -> r.status() == SimulationStatus.FINISHED),
                    howMany(runs, r -> r.outcome() == SimulationOutcome.SUCCESS),
                    howMany(runs, r -> r.outcome() == SimulationOutcome.FAILURE),
                    howMany(runs, r -> r.outcome() == SimulationOutcome.ERROR),
                    howMany(runs, r -> r.outcome() == SimulationOutcome.CANCELLED),
                    howMany(runs, r -> r.verdict() == SimulationVerdict.INCONCLUSIVE),
                    howMany(runs, SimulationRunState::deleted),
                    decimal(runs.stream().mapToLong(SimulationRunState::messageCount).average().orElse(0)),
                    mean(runs.stream().map(SimulationRunState::durationMs).filter(Objects::nonNull).toList()),
                    costs(roleCosts));
        }
        title("Simulations (fold simulation_run_state; success, failure, error and cancelled are outcomes,"
                + " inconclusive a verdict; metric records: " + count(snapshot.recordCount(SimulationPipeline.METRICS)) + ")");
        table.print(out);
    }

    /** One run of each kind (status and outcome), so every state a run can end in is seen. */
    private void simulationRuns() {
        Map<String, Map.Entry<TenantId, SimulationRunState>> byKind = new TreeMap<>();
        for (TenantId tenant : tenants) {
            snapshot.states(tenant, SimulationPipeline.STATE).values().forEach(run ->
                    byKind.putIfAbsent(lower(run.status()) + "/" + lower(run.outcome()) + "/" + run.deleted(), Map.entry(tenant, run)));
        }
        TextTable table = new TextTable("tenant", "run", "name", "status", "outcome", "verdict", "duration ms",
                "messages", "cost", "cost by role", "reasoning or error");
        byKind.values().stream().limit(SHOWN_RUNS).forEach(entry -> {
            SimulationRunState run = entry.getValue();
            table.row(entry.getKey(), run.runId(), cut(run.name(), MAX_TEXT), lower(run.status()) + (run.deleted() ? " (deleted)" : ""),
                    lower(run.outcome()), lower(run.verdict()), run.durationMs() == null ? null : count(run.durationMs()),
                    run.messageCount(), money(run.totalCost()), costs(run.roleCosts()),
                    cut(run.error() != null ? run.error() : run.reasoning(), MAX_TEXT));
        });
        title("Simulation runs, one of each kind (fold simulation_run_state)");
        table.print(out);
    }

    /** Evaluations scheduled without a type or name (the trace trigger's) sort after the named ones. */
    private static String lastIfNull(String text) {
        return text == null ? "\uffff" : text;
    }

    private void title(String title) {
        out.println(title);
    }

    private static String meanScore(List<EvaluationRun> processed) {
        return processed.isEmpty() ? "-" : decimal(processed.stream().mapToDouble(EvaluationRun::score).average().orElse(0));
    }

    private static String passRate(List<EvaluationRun> processed) {
        return percent(processed.stream().filter(r -> Boolean.TRUE.equals(r.passed())).count(), processed.size());
    }

    private static double cost(Collection<EvaluationRun> runs) {
        return runs.stream().map(EvaluationRun::cost).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    private static String meanDuration(Collection<EvaluationRun> runs) {
        return mean(runs.stream().map(EvaluationRun::durationMs).filter(Objects::nonNull).toList());
    }

    private static String mean(List<Long> values) {
        return values.isEmpty() ? "-" : count(Math.round(values.stream().mapToLong(Long::longValue).average().orElse(0)));
    }

    private static <T> long howMany(Collection<T> items, Predicate<T> which) {
        return items.stream().filter(which).count();
    }

    private static String statusCounts(Map<ExperimentRunStatus, Long> byStatus) {
        return byStatus.entrySet().stream().map(e -> e.getValue() + " " + lower(e.getKey()))
                .collect(Collectors.joining(", ", byStatus.isEmpty() ? "" : ": ", ""));
    }

    private static String targetCosts(Map<String, TargetStats> stats) {
        return stats.entrySet().stream().map(e -> e.getKey() + " " + money(e.getValue().cost())).collect(Collectors.joining(", "));
    }

    private static String evaluators(Map<String, EvaluatorStats> stats) {
        return stats.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue().scored() == 0 ? "-" : decimal(e.getValue().meanScore())) + " / "
                        + percent(e.getValue().passed(), e.getValue().graded())
                        + " (" + e.getValue().skipped() + ", " + e.getValue().errors() + ")")
                .collect(Collectors.joining(", "));
    }
}
