package dev.foldwork.pipelines.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Scheduled;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Started;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationRunFoldTest {
    private static final EvaluationRunFold FOLD = new EvaluationRunFold();
    private final TestEvents events = new TestEvents("evaluation");

    private Event scheduled() {
        return events.event("e1", Scheduled.TYPE, 1, new Scheduled("e1", "faithfulness", "t1"));
    }

    private Event started() {
        return events.event("e1", Started.TYPE, 1, new Started("e1"));
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

        Event completed = events.event("e1", Completed.TYPE, 1, new Completed("e1", 0.82, true, "grounded", "cites both sources"));
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
    void endsSkippedWithItsReason() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(),
                events.event("e1", Skipped.TYPE, 1, new Skipped("e1", "sampled out"))));
        assertThat(run.status()).isEqualTo(EvaluationStatus.SKIPPED);
        assertThat(run.skipReason()).isEqualTo("sampled out");
    }

    @Test
    void endsInErrorWithTheError() {
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(), started(),
                events.event("e1", Failed.TYPE, 1, new Failed("e1", "judge timed out"))));
        assertThat(run.status()).isEqualTo(EvaluationStatus.ERROR);
        assertThat(run.error()).isEqualTo("judge timed out");
        assertThat(run.score()).isNull();
    }

    @Test
    void appliesStoredEventsAsFactsEvenWhereACommandWouldHaveRefused() {
        // Commands guard the transitions; once an event is stored, the fold does not second-guess it.
        EvaluationRun run = TestEvents.foldAll(FOLD, List.of(scheduled(),
                events.event("e1", Completed.TYPE, 1, new Completed("e1", 0.1, false, null, null))));
        assertThat(run.status()).isEqualTo(EvaluationStatus.PROCESSED);
        assertThat(run.passed()).isFalse();
    }

    @Test
    void isDeterministicAndSurvivesTheFoldStoreRoundTrip() {
        List<Event> history = List.of(scheduled(), started(),
                events.event("e1", Completed.TYPE, 1, new Completed("e1", 0.5, true, null, "ok")));
        EvaluationRun run = TestEvents.foldAll(FOLD, history);
        assertThat(TestEvents.foldAll(FOLD, history)).isEqualTo(run);
        assertThat(TestEvents.roundTrip(FOLD, run)).isEqualTo(run);
    }
}
