package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedFold;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Completed;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Started;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.TargetResultRecorded;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Fold {@code experiment_run_state}: progress, totals, cost per target, and mean score and pass
 * rate per evaluator. As LangWatch's {@code experimentRunState}, every handler is a counter, a
 * sum or a per-key entry, so the same results give the same state in any order: a result that
 * arrives after the completion is counted, a second completion only says how the run ended
 * (the last one stored wins), and a start that arrives after the completion fills in the run
 * without reopening it.
 */
public final class ExperimentRunStateFold implements TypedFold<ExperimentRunState, ExperimentRunEvent> {
    public static final String NAME = "experiment_run_state";
    /** The most targets or evaluators a run's state keeps stats for; commands allow fewer. */
    public static final int MAX_KEYS = 50;

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
    public EventCodec<ExperimentRunEvent> events() {
        return ExperimentRunEvent.CODEC;
    }

    @Override
    public ExperimentRunState apply(ExperimentRunState s, ExperimentRunEvent event, Event envelope) {
        if (event instanceof Started e) {
            TreeMap<String, TargetStats> targets = new TreeMap<>(s.targetStats());
            e.targets().forEach(id -> put(targets, id, targets.getOrDefault(id, TargetStats.NONE)));
            TreeMap<String, EvaluatorStats> evaluators = new TreeMap<>(s.evaluatorStats());
            e.evaluators().forEach(id -> put(evaluators, id, evaluators.getOrDefault(id, EvaluatorStats.NONE)));
            long expected = (long) e.totalRows() * e.targets().size();
            return s.withRunId(e.runId())
                    .withExperimentId(e.experimentId())
                    .withStatus(s.status() == ExperimentRunStatus.NOT_STARTED ? ExperimentRunStatus.RUNNING : s.status())
                    .withTotalRows(e.totalRows())
                    .withTargets(e.targets())
                    .withEvaluators(e.evaluators())
                    .withExpectedTargetResults(expected)
                    .withProgress(progress(s.targetResults(), expected))
                    .withTargetStats(targets)
                    .withEvaluatorStats(evaluators)
                    .withStartedAt(s.startedAt() == 0 ? envelope.timestamp() : s.startedAt());
        }
        if (event instanceof TargetResultRecorded e) {
            boolean failed = e.error() != null;
            TreeMap<String, TargetStats> targets = new TreeMap<>(s.targetStats());
            put(targets, e.targetId(), targets.getOrDefault(e.targetId(), TargetStats.NONE).plus(failed, e.cost(), e.durationMs()));
            long done = s.targetResults() + 1;
            return s.withRunId(orElse(s.runId(), e.runId()))
                    .withTargetResults(done)
                    .withProgress(progress(done, s.expectedTargetResults()))
                    .withErrorCount(s.errorCount() + (failed ? 1 : 0))
                    .withTotalCost(Limits.add(s.totalCost(), e.cost()))
                    .withTotalDurationMs(Limits.add(s.totalDurationMs(), e.durationMs()))
                    .withTargetStats(targets);
        }
        if (event instanceof EvaluatorResultRecorded e) {
            TreeMap<String, EvaluatorStats> stats = new TreeMap<>(s.evaluatorStats());
            put(stats, e.evaluatorId(), stats.getOrDefault(e.evaluatorId(), EvaluatorStats.NONE)
                    .plus(e.statusOrProcessed(), e.score(), e.passed(), e.cost()));
            return s.withRunId(orElse(s.runId(), e.runId()))
                    .withEvaluatorResults(s.evaluatorResults() + 1)
                    .withTotalCost(e.cost() == null ? s.totalCost() : Limits.add(s.totalCost(), e.cost()))
                    .withEvaluatorStats(stats);
        }
        if (event instanceof Completed e) {
            long at = envelope.timestamp();
            return s.withRunId(orElse(s.runId(), e.runId()))
                    .withStatus(e.stopped() ? ExperimentRunStatus.STOPPED : ExperimentRunStatus.COMPLETED)
                    .withFinishedAt(e.stopped() ? 0 : at)
                    .withStoppedAt(e.stopped() ? at : 0);
        }
        return s;
    }

    /** Updates a key that is there, or adds one while the map holds fewer than {@link #MAX_KEYS}. */
    private static <V> void put(SortedMap<String, V> map, String key, V value) {
        if (map.containsKey(key) || map.size() < MAX_KEYS) {
            map.put(key, value);
        }
    }

    private static double progress(long done, long expected) {
        return expected == 0 ? 0 : Math.min(1.0, (double) done / expected);
    }

    private static String orElse(String known, String fromEvent) {
        return known != null ? known : fromEvent;
    }
}
