package dev.foldwork.pipelines.experimentrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Completed;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Started;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.TargetResultRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExperimentRunStateFoldTest {
    private static final ExperimentRunStateFold FOLD = new ExperimentRunStateFold();
    private static final ExperimentRunResultsMap MAP = new ExperimentRunResultsMap();
    private final TestEvents events = new TestEvents("experiment_run");

    private Event started() {
        return events.event("r1", Started.TYPE, 1, new Started("r1", "exp-1", 2, List.of("v1", "v2"),
                List.of("judge", "exact"), "foldwork-python", "1.0.0"));
    }

    private Event target(int row, String target, double cost, long durationMs, String error) {
        return events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", row, target, "out", cost, durationMs, error));
    }

    private Event evaluator(int row, String evaluator, Double score, Boolean passed) {
        return evaluator(row, evaluator, score, passed, EvaluatorResultStatus.PROCESSED, null);
    }

    private Event evaluator(int row, String evaluator, Double score, Boolean passed, EvaluatorResultStatus status, Double cost) {
        return events.event("r1", EvaluatorResultRecorded.TYPE, 1,
                new EvaluatorResultRecorded("r1", row, evaluator, score, passed, status, cost, null));
    }

    private Event completed(boolean stopped) {
        return events.event("r1", Completed.TYPE, 1, new Completed("r1", stopped));
    }

    private List<Event> run() {
        return List.of(started(),
                target(0, "v1", 0.01, 100, null),
                target(0, "v2", 0.02, 300, "timeout"),
                evaluator(0, "judge", 0.8, true),
                evaluator(1, "judge", 0.4, false),
                target(1, "v1", 0.03, 200, null));
    }

    @Test
    void tracksProgressTotalsAndPerEvaluatorScores() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, run());

        assertThat(state.status()).isEqualTo(ExperimentRunStatus.RUNNING);
        assertThat(state.expectedTargetResults()).isEqualTo(4);
        assertThat(state.targetResults()).isEqualTo(3);
        assertThat(state.progress()).isEqualTo(0.75);
        assertThat(state.errorCount()).isEqualTo(1);
        assertThat(state.totalCost()).isEqualTo(0.01 + 0.02 + 0.03);
        assertThat(state.totalDurationMs()).isEqualTo(600);
        assertThat(state.evaluatorResults()).isEqualTo(2);
        EvaluatorStats judge = state.evaluatorStats().get("judge");
        assertThat(judge.meanScore()).isEqualTo((0.8 + 0.4) / 2);
        assertThat(judge.passRate()).isEqualTo(0.5);
        assertThat(state.evaluatorStats().get("exact")).isEqualTo(EvaluatorStats.NONE);
    }

    @Test
    void keepsCostDurationAndErrorsPerTarget() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, run());
        assertThat(state.targetStats().get("v1")).isEqualTo(new TargetStats(2, 0, 0.01 + 0.03, 300));
        assertThat(state.targetStats().get("v2")).isEqualTo(new TargetStats(1, 1, 0.02, 300));
    }

    @Test
    void skippedAndErroredEvaluatorResultsAreCountedButNotInTheScoreOrPassRate() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(),
                evaluator(0, "judge", 1.0, true),
                evaluator(1, "judge", 0.0, false),
                evaluator(0, "exact", null, null, EvaluatorResultStatus.SKIPPED, null),
                evaluator(1, "exact", null, null, EvaluatorResultStatus.ERROR, 0.25)));
        EvaluatorStats judge = state.evaluatorStats().get("judge");
        assertThat(judge.passRate()).isEqualTo(0.5);
        EvaluatorStats exact = state.evaluatorStats().get("exact");
        assertThat(exact.results()).isEqualTo(2);
        assertThat(exact.skipped()).isEqualTo(1);
        assertThat(exact.errors()).isEqualTo(1);
        assertThat(exact.graded()).isZero();
        assertThat(exact.scored()).isZero();
        assertThat(exact.cost()).isEqualTo(0.25);
        assertThat(state.evaluatorResults()).isEqualTo(4);
    }

    @Test
    void aScoreOnlyEvaluatorIsInTheMeanScoreButNotThePassRate() {
        EvaluatorStats judge = TestEvents.foldAll(FOLD, List.of(started(),
                evaluator(0, "judge", 0.8, true),
                evaluator(1, "judge", 0.8, false),
                evaluator(2, "judge", 0.9, null))).evaluatorStats().get("judge");
        assertThat(judge.passRate()).isEqualTo(0.5);
        assertThat(judge.meanScore()).isEqualTo((0.8 + 0.8 + 0.9) / 3);
    }

    @Test
    void evaluatorCostsAddToTheRunsTotalCost() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(),
                target(0, "v1", 0.5, 10, null),
                evaluator(0, "judge", 0.8, true, EvaluatorResultStatus.PROCESSED, 0.25)));
        assertThat(state.totalCost()).isEqualTo(0.75);
        assertThat(state.evaluatorStats().get("judge").cost()).isEqualTo(0.25);
    }

    @Test
    void totalsSaturateInsteadOfOverflowing() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(
                events.event("r1", Started.TYPE, 1, new Started("r1", "exp-1", 2, List.of("v1"), List.of(), null, null)),
                target(0, "v1", 1.7e308, Long.MAX_VALUE, null),
                target(1, "v1", 1.7e308, Long.MAX_VALUE, null)));
        assertThat(state.totalCost()).isEqualTo(Double.MAX_VALUE);
        assertThat(state.totalDurationMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void completesWithTheFinishedTime() {
        Event completed = completed(false);
        ExperimentRunState state = FOLD.apply(TestEvents.foldAll(FOLD, run()), completed);

        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(state.finishedAt()).isEqualTo(completed.timestamp());
        assertThat(state.stoppedAt()).isZero();
    }

    @Test
    void aStoppedRunIsStoppedNotFinished() {
        Event stopped = completed(true);
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(), stopped));
        assertThat(state.status()).isEqualTo(ExperimentRunStatus.STOPPED);
        assertThat(state.stoppedAt()).isEqualTo(stopped.timestamp());
        assertThat(state.finishedAt()).isZero();
    }

    @Test
    void aResultAfterCompleteIsCounted() {
        List<Event> history = new ArrayList<>(run());
        history.add(completed(false));
        history.add(target(1, "v2", 0.04, 100, null));
        ExperimentRunState state = TestEvents.foldAll(FOLD, history);
        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(state.targetResults()).isEqualTo(4);
        assertThat(state.progress()).isEqualTo(1.0);
    }

    @Test
    void aSecondEndingSaysHowTheRunEnded() {
        Event completedAgain;
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(), completed(true), completedAgain = completed(false)));
        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(state.finishedAt()).isEqualTo(completedAgain.timestamp());
        assertThat(state.stoppedAt()).isZero();
    }

    @Test
    void aLateStartDoesNotReopenACompletedRun() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(completed(false), started()));
        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(state.experimentId()).isEqualTo("exp-1");
        assertThat(state.expectedTargetResults()).isEqualTo(4);
    }

    @Test
    void anyOrderOfResultsAndCompletionAfterTheStartGivesTheSameState() {
        // Costs that add exactly in binary, so the sums are the same in any order.
        List<Event> afterStart = List.of(target(0, "v1", 0.5, 10, null), target(1, "v2", 0.25, 20, "timeout"),
                evaluator(0, "judge", 1.0, true, EvaluatorResultStatus.PROCESSED, 0.125),
                evaluator(0, "exact", null, null, EvaluatorResultStatus.SKIPPED, null), completed(false));
        Event start = started();
        ExperimentRunState expected = null;
        for (List<Event> order : TestEvents.permutations(afterStart)) {
            List<Event> history = new ArrayList<>();
            history.add(start);
            history.addAll(order);
            ExperimentRunState state = withoutStamps(TestEvents.foldAll(FOLD, history));
            if (expected == null) {
                expected = state;
            }
            assertThat(state).as("order %s", order.stream().map(Event::type).toList()).isEqualTo(expected);
        }
        assertThat(expected.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(expected.totalCost()).isEqualTo(0.875);
    }

    @Test
    void keepsAtMostMaxKeysTargetsAndEvaluators() {
        List<String> many = IntStream.range(0, ExperimentRunStateFold.MAX_KEYS + 10).mapToObj(i -> "t" + i).toList();
        ExperimentRunState state = FOLD.apply(FOLD.init(),
                events.event("r1", Started.TYPE, 1, new Started("r1", "exp-1", 1, many, many, null, null)));
        assertThat(state.targetStats()).hasSize(ExperimentRunStateFold.MAX_KEYS);
        assertThat(state.evaluatorStats()).hasSize(ExperimentRunStateFold.MAX_KEYS);
    }

    @Test
    void anEvaluatorResultStoredBeforeStatusAndCostExistedReadsAsProcessed() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(), events.event("r1", EvaluatorResultRecorded.TYPE, 1,
                Json.object().put("runId", "r1").put("row", 0).put("evaluatorId", "judge").put("score", 0.6).put("passed", true))));
        EvaluatorStats judge = state.evaluatorStats().get("judge");
        assertThat(judge.meanScore()).isEqualTo(0.6);
        assertThat(judge.passRate()).isEqualTo(1.0);
        assertThat(judge.cost()).isZero();
    }

    @Test
    void aCompletionStoredBeforeStopExistedFinishesTheRun() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(started(),
                events.event("r1", Completed.TYPE, 1, Json.object().put("runId", "r1"))));
        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
    }

    @Test
    void isDeterministicAndSurvivesTheFoldStoreRoundTrip() {
        List<Event> history = run();
        ExperimentRunState state = TestEvents.foldAll(FOLD, history);
        assertThat(TestEvents.foldAll(FOLD, history)).isEqualTo(state);
        assertThat(TestEvents.roundTrip(FOLD, state)).isEqualTo(state);
    }

    @Test
    void mapsOneRecordPerTargetOrEvaluatorResult() {
        List<ExperimentRunResult> records = run().stream().flatMap(e -> MAP.map(e).stream()).toList();

        assertThat(records).hasSize(5);
        assertThat(records).filteredOn(r -> r.kind().equals(ExperimentRunResult.TARGET)).extracting(ExperimentRunResult::targetId)
                .containsExactly("v1", "v2", "v1");
        assertThat(records).filteredOn(r -> r.kind().equals(ExperimentRunResult.EVALUATOR)).extracting(ExperimentRunResult::score)
                .containsExactly(0.8, 0.4);
        assertThat(records).filteredOn(r -> r.kind().equals(ExperimentRunResult.EVALUATOR)).extracting(ExperimentRunResult::status)
                .containsOnly(EvaluatorResultStatus.PROCESSED);
    }

    private static ExperimentRunState withoutStamps(ExperimentRunState s) {
        return new ExperimentRunState(s.runId(), s.experimentId(), s.status(), s.totalRows(), s.targets(), s.evaluators(),
                s.expectedTargetResults(), s.targetResults(), s.evaluatorResults(), s.progress(), s.errorCount(),
                s.totalCost(), s.totalDurationMs(), new TreeMap<>(s.targetStats()), new TreeMap<>(s.evaluatorStats()), 0, 0, 0);
    }
}
