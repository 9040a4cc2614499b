package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Completed;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Started;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.TargetResultRecorded;
import java.util.TreeMap;

/** Fold {@code experiment_run_state}: progress, totals, and mean score and pass rate per evaluator. */
public final class ExperimentRunStateFold implements FoldProjection<ExperimentRunState> {
    public static final String NAME = "experiment_run_state";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ExperimentRunState> stateType() {
        return ExperimentRunState.class;
    }

    @Override
    public ExperimentRunState init() {
        return ExperimentRunState.notStarted();
    }

    @Override
    public ExperimentRunState apply(ExperimentRunState s, Event event) {
        return switch (event.type()) {
            case Started.TYPE -> {
                Started e = Json.fromNode(event.data(), Started.class);
                TreeMap<String, EvaluatorStats> stats = new TreeMap<>();
                e.evaluators().forEach(id -> stats.put(id, EvaluatorStats.NONE));
                yield new ExperimentRunState(e.runId(), e.experimentId(), ExperimentRunStatus.RUNNING, e.totalRows(),
                        e.targets(), e.evaluators(), (long) e.totalRows() * e.targets().size(), 0, 0, 0, 0, 0, 0,
                        stats, event.timestamp(), 0);
            }
            case TargetResultRecorded.TYPE -> {
                TargetResultRecorded e = Json.fromNode(event.data(), TargetResultRecorded.class);
                long done = s.targetResults() + 1;
                yield new ExperimentRunState(s.runId(), s.experimentId(), s.status(), s.totalRows(), s.targets(),
                        s.evaluators(), s.expectedTargetResults(), done, s.evaluatorResults(),
                        progress(done, s.expectedTargetResults()), s.errorCount() + (e.error() == null ? 0 : 1),
                        Limits.add(s.totalCost(), e.cost()), Limits.add(s.totalDurationMs(), e.durationMs()), s.evaluatorStats(),
                        s.startedAt(), s.finishedAt());
            }
            case EvaluatorResultRecorded.TYPE -> {
                EvaluatorResultRecorded e = Json.fromNode(event.data(), EvaluatorResultRecorded.class);
                TreeMap<String, EvaluatorStats> stats = new TreeMap<>(s.evaluatorStats());
                stats.put(e.evaluatorId(), stats.getOrDefault(e.evaluatorId(), EvaluatorStats.NONE).plus(e.score(), e.passed()));
                yield new ExperimentRunState(s.runId(), s.experimentId(), s.status(), s.totalRows(), s.targets(),
                        s.evaluators(), s.expectedTargetResults(), s.targetResults(), s.evaluatorResults() + 1,
                        s.progress(), s.errorCount(), s.totalCost(), s.totalDurationMs(), stats,
                        s.startedAt(), s.finishedAt());
            }
            case Completed.TYPE -> new ExperimentRunState(s.runId(), s.experimentId(), ExperimentRunStatus.COMPLETED,
                    s.totalRows(), s.targets(), s.evaluators(), s.expectedTargetResults(), s.targetResults(),
                    s.evaluatorResults(), s.progress(), s.errorCount(), s.totalCost(), s.totalDurationMs(),
                    s.evaluatorStats(), s.startedAt(), event.timestamp());
            default -> s;
        };
    }

    private static double progress(long done, long expected) {
        return expected == 0 ? 0 : Math.min(1.0, (double) done / expected);
    }
}
