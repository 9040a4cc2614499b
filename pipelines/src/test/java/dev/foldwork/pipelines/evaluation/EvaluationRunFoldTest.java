package dev.foldwork.pipelines.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Scheduled;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Started;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationRunFoldTest {
    private static final EvaluationRunFold FOLD = new EvaluationRunFold();
    private final TestEvents events = new TestEvents("evaluation");

    private Event scheduled() {
        return events.event("e1", Scheduled.TYPE, 1,
                new Scheduled("e1", "faithfulness", "t1", "langevals/faithfulness", "Faithfulness", true));
    }

    private Event started() {
        return events.event("e1", Started.TYPE, 1, new Started("e1"));
    }

    private Event completed(double score, boolean passed) {
        return events.event("e1", Completed.TYPE, 1, new Completed("e1", score, passed, "grounded", "cites both sources", 0.002, 1500L, false));
    }

    private Event failed() {
        return events.event("e1", Failed.TYPE, 1, new Failed("e1", "judge timed out", 0.001, 30_000L, false));
    }

    @Test
    void walksFromScheduledThroughInProgressToProcessed() {
        Event scheduled = scheduled();
        EvaluationRun afterSchedule = FOLD.apply(FOLD.init(), scheduled);
        assertThat(afterSchedule.status()).isEqualTo(EvaluationStatus.SCHEDULED);
        assertThat(afterSchedule.scheduledAt()).isEqualTo(scheduled.timestamp());

        Event started = started();
        EvaluationRun afterStart = FOLD.apply(afterSchedule, started);
        assertThat(afterStart.status()).isEqualTo(EvaluationStatus.IN_PROGRESS);
        assertThat(afterStart.startedAt()).isEqualTo(started.timestamp());

        Event completed = completed(0.82, true);
        EvaluationRun done = FOLD.apply(afterStart, completed);
        assertThat(done.status()).isEqualTo(EvaluationStatus.PROCESSED);
        assertThat(done.score()).isEqualTo(0.82);
        assertThat(done.passed()).isTrue();
        assertThat(done.label()).isEqualTo("grounded");
        assertThat(done.evaluatorId()).isEqualTo("faithfulness");
        assertThat(done.traceId()).isEqualTo("t1");
        assertThat(done.finishedAt()).isEqualTo(completed.timestamp());
    }

    @Test
    void keepsTheEvaluatorsTypeNameAndGuardrailFlag() {
        EvaluationRun run = FOLD.apply(FOLD.init(), scheduled());
        assertThat(run.evaluatorType()).isEqualTo("langevals/faithfulness");
        assertThat(run.evaluatorName()).isEqualTo("Faithfulness");
        assertThat(run.guardrail()).isTrue();
    }

    @Test
    void keepsTheReportedCostAndDurationOfAResult() {
        EvaluationRun processed = TestEvents.foldAll(FOLD, List.of(scheduled(), started(), completed(0.9, true)));
        assertThat(processed.cost()).isEqualTo(0.002);
        assertThat(processed.durationMs()).isEqualTo(1500L);

        EvaluationRun failed = TestEvents.foldAll(FOLD, List.of(scheduled(), started(), failed()));
        assertThat(failed.cost()).isEqualTo(0.001);
        assertThat(failed.durationMs()).isEqualTo(30_000L);
    }

    @Test
    void endsSkippedWithItsReason() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(),
                events.event("e1", Skipped.TYPE, 1, new Skipped("e1", "sampled out"))));
        assertThat(run.status()).isEqualTo(EvaluationStatus.SKIPPED);
        assertThat(run.skipReason()).isEqualTo("sampled out");
        assertThat(run.cost()).isNull();
    }

    @Test
    void endsInErrorWithTheError() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(), started(), failed()));
        assertThat(run.status()).isEqualTo(EvaluationStatus.ERROR);
        assertThat(run.error()).isEqualTo("judge timed out");
        assertThat(run.score()).isNull();
    }

    @Test
    void aResultWithoutAStartIsApplied() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(), completed(0.1, false)));
        assertThat(run.status()).isEqualTo(EvaluationStatus.PROCESSED);
        assertThat(run.passed()).isFalse();
        assertThat(run.startedAt()).isZero();
    }

    @Test
    void aResultOnAnEmptyStateTakesTheEvaluationIdFromTheEvent() {
        EvaluationRun run = FOLD.apply(FOLD.init(), completed(0.9, true));
        assertThat(run.evaluationId()).isEqualTo("e1");
        assertThat(run.status()).isEqualTo(EvaluationStatus.PROCESSED);
    }

    @Test
    void aLateStartDoesNotReopenAFinishedEvaluation() {
        Event lateStart;
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(), completed(0.7, true), lateStart = started()));
        assertThat(run.status()).isEqualTo(EvaluationStatus.PROCESSED);
        assertThat(run.score()).isEqualTo(0.7);
        assertThat(run.startedAt()).isEqualTo(lateStart.timestamp());
    }

    @Test
    void aLateScheduleNamesTheEvaluatorAndKeepsTheResult() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(started(), failed(), scheduled()));
        assertThat(run.status()).isEqualTo(EvaluationStatus.ERROR);
        assertThat(run.evaluatorId()).isEqualTo("faithfulness");
        assertThat(run.error()).isEqualTo("judge timed out");
    }

    @Test
    void aResultAfterAResultReplacesItWhole() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(), started(), completed(0.9, true), failed()));
        assertThat(run.status()).isEqualTo(EvaluationStatus.ERROR);
        assertThat(run.score()).isNull();
        assertThat(run.passed()).isNull();
        assertThat(run.label()).isNull();
        assertThat(run.error()).isEqualTo("judge timed out");
    }

    @Test
    void anyArrivalOrderOfScheduleStartAndResultGivesTheSameEvaluation() {
        List<Event> facts = List.of(scheduled(), started(), completed(0.6, true));
        EvaluationRun expected = withoutStamps(TestEvents.foldAll(FOLD, facts));
        for (List<Event> order : TestEvents.permutations(facts)) {
            assertThat(withoutStamps(TestEvents.foldAll(FOLD, order))).as("order %s", order.stream().map(Event::type).toList())
                    .isEqualTo(expected);
        }
        assertThat(expected.status()).isEqualTo(EvaluationStatus.PROCESSED);
    }

    @Test
    void eventsStoredBeforeTheNewFieldsReadAsNotReported() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(
                events.event("e1", Scheduled.TYPE, 1, Json.object().put("evaluationId", "e1").put("evaluatorId", "toxicity")),
                events.event("e1", Completed.TYPE, 1, Json.object().put("evaluationId", "e1").put("score", 0.4).put("passed", false))));
        assertThat(run.evaluatorType()).isNull();
        assertThat(run.guardrail()).isFalse();
        assertThat(run.cost()).isNull();
        assertThat(run.durationMs()).isNull();
        assertThat(run.score()).isEqualTo(0.4);
    }

    @Test
    void isDeterministicAndSurvivesTheFoldStoreRoundTrip() {
        List<Event> history = List.of(scheduled(), started(), completed(0.5, true));
        EvaluationRun run = TestEvents.foldAll(FOLD, history);
        assertThat(TestEvents.foldAll(FOLD, history)).isEqualTo(run);
        assertThat(TestEvents.roundTrip(FOLD, run)).isEqualTo(run);
    }

    private static EvaluationRun withoutStamps(EvaluationRun r) {
        return new EvaluationRun(r.evaluationId(), r.evaluatorId(), r.evaluatorType(), r.evaluatorName(), r.traceId(),
                r.guardrail(), r.status(), r.score(), r.passed(), r.label(), r.details(), r.skipReason(), r.error(),
                r.cost(), r.durationMs(), 0, 0, 0);
    }
}
