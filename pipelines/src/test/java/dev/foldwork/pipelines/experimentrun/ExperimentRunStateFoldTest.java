package dev.foldwork.pipelines.experimentrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Completed;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Started;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.TargetResultRecorded;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentRunStateFoldTest {
    private static final ExperimentRunStateFold FOLD = new ExperimentRunStateFold();
    private static final ExperimentRunResultsMap MAP = new ExperimentRunResultsMap();
    private final TestEvents events = new TestEvents("experiment_run");

    private List<Event> run() {
        return List.of(
                events.event("r1", Started.TYPE, 1, new Started("r1", "exp-1", 2, List.of("v1", "v2"),
                        List.of("judge", "exact"), "foldwork-python", "1.0.0")),
                events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", 0, "v1", "a", 0.01, 100, null)),
                events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", 0, "v2", "b", 0.02, 300, "timeout")),
                events.event("r1", EvaluatorResultRecorded.TYPE, 1, new EvaluatorResultRecorded("r1", 0, "judge", 0.8, true)),
                events.event("r1", EvaluatorResultRecorded.TYPE, 1, new EvaluatorResultRecorded("r1", 1, "judge", 0.4, false)),
                events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", 1, "v1", "c", 0.03, 200, null)));
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
    void totalsSaturateInsteadOfOverflowing() {
        ExperimentRunState state = TestEvents.foldAll(FOLD, List.of(
                events.event("r1", Started.TYPE, 1, new Started("r1", "exp-1", 2, List.of("v1"), List.of(), null, null)),
                events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", 0, "v1", "a", 1.7e308, Long.MAX_VALUE, null)),
                events.event("r1", TargetResultRecorded.TYPE, 1, new TargetResultRecorded("r1", 1, "v1", "b", 1.7e308, Long.MAX_VALUE, null))));
        assertThat(state.totalCost()).isEqualTo(Double.MAX_VALUE);
        assertThat(state.totalDurationMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void completesWithTheFinishedTime() {
        Event completed = events.event("r1", Completed.TYPE, 1, new Completed("r1"));
        ExperimentRunState state = FOLD.apply(TestEvents.foldAll(FOLD, run()), completed);

        assertThat(state.status()).isEqualTo(ExperimentRunStatus.COMPLETED);
        assertThat(state.finishedAt()).isEqualTo(completed.timestamp());
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
    }
}
