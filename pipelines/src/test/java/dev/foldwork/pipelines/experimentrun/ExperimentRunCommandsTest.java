package dev.foldwork.pipelines.experimentrun;

import static dev.foldwork.pipelines.CommandChecks.decide;
import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of the experiment-run commands. */
class ExperimentRunCommandsTest {
    private static final CommandHandler START = new StartExperimentRunCommand();
    private static final CommandHandler TARGET = new RecordTargetResultCommand();
    private static final CommandHandler EVALUATOR = new RecordEvaluatorResultCommand();
    private static final CommandHandler COMPLETE = new CompleteExperimentRunCommand();
    private static final CommandHandler STOP = new StopExperimentRunCommand();

    private final TestEvents events = new TestEvents("experiment_run");
    private final List<Event> history = new ArrayList<>();

    private static ObjectNode start() {
        ObjectNode start = Json.object().put("runId", "r1").put("experimentId", "exp-1").put("totalRows", 3);
        start.putArray("targets").add("v1").add("v2");
        start.putArray("evaluators").add("judge");
        return start;
    }

    private static ObjectNode target(int row, String target) {
        return Json.object().put("runId", "r1").put("row", row).put("targetId", target).put("output", "ok")
                .put("cost", 0.001).put("durationMs", 120);
    }

    private static ObjectNode evaluator(int row, String evaluator) {
        return Json.object().put("runId", "r1").put("row", row).put("evaluatorId", evaluator).put("score", 0.7).put("passed", true);
    }

    private void accept(CommandHandler handler, ObjectNode payload) {
        history.addAll(events.stored(decide(handler, payload, history)));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsARunFromStartToCompletion() {
        accept(START, start());
        accept(TARGET, target(0, "v1"));
        accept(EVALUATOR, evaluator(0, "judge"));
        accept(COMPLETE, Json.object().put("runId", "r1"));
        assertThat(history).hasSize(4);
    }

    @Test
    void validatesAStart() {
        ObjectNode payload = start().put("totalRows", 0).put("experimentId", "exp 1");
        payload.putArray("targets");
        payload.putArray("evaluators").add("judge").add("judge");
        assertThat(fields(fieldErrors(START, payload))).containsExactlyInAnyOrder("totalRows", "experimentId", "targets", "evaluators");
    }

    @Test
    void refusesTargetIdsThatAreNotIds() {
        ObjectNode payload = start();
        payload.putArray("targets").add("ok").add("not ok");
        assertThat(fields(fieldErrors(START, payload))).containsExactly("targets[1]");
    }

    @Test
    void refusesToStartTwice() {
        accept(START, start());
        assertThatThrownBy(() -> decide(START, start(), history))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("already started");
    }

    @Test
    void refusesResultsBeforeTheStart() {
        assertThatThrownBy(() -> decide(TARGET, target(0, "v1"), history))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("experiment run r1 was never started");
    }

    @Test
    void aResultAfterCompleteIsStored() {
        accept(START, start());
        accept(COMPLETE, Json.object().put("runId", "r1"));
        accept(EVALUATOR, evaluator(0, "judge"));
        accept(TARGET, target(0, "v1"));
        assertThat(history).hasSize(4);
    }

    @Test
    void aSecondEndingAndACompletionBeforeTheStartAreStored() {
        accept(COMPLETE, Json.object().put("runId", "r1"));
        accept(START, start());
        accept(STOP, Json.object().put("runId", "r1"));
        accept(COMPLETE, Json.object().put("runId", "r1"));
        assertThat(history).extracting(Event::type).containsExactly(ExperimentRunEvent.Completed.TYPE,
                ExperimentRunEvent.Started.TYPE, ExperimentRunEvent.Completed.TYPE, ExperimentRunEvent.Completed.TYPE);
    }

    @Test
    void acceptsSkippedErroredAndScoreOnlyEvaluatorResults() {
        accept(START, start());
        accept(EVALUATOR, Json.object().put("runId", "r1").put("row", 0).put("evaluatorId", "judge").put("status", "skipped"));
        accept(EVALUATOR, Json.object().put("runId", "r1").put("row", 1).put("evaluatorId", "judge").put("status", "error")
                .put("details", "judge model timed out").put("cost", 0.002));
        accept(EVALUATOR, Json.object().put("runId", "r1").put("row", 2).put("evaluatorId", "judge").put("score", 0.4));
        assertThat(history).hasSize(4);
    }

    @Test
    void namesTheFieldThatDoesNotFitTheEvaluatorResultsStatus() {
        ObjectNode bare = Json.object().put("runId", "r1").put("row", 0).put("evaluatorId", "judge");
        assertThat(fields(fieldErrors(EVALUATOR, bare.deepCopy()))).containsExactly("score");
        assertThat(fields(fieldErrors(EVALUATOR, bare.deepCopy().put("status", "skipped").put("score", 0.5).put("passed", true))))
                .containsExactlyInAnyOrder("score", "passed");
        assertThat(fields(fieldErrors(EVALUATOR, bare.deepCopy().put("status", "done").put("score", 0.5)))).containsExactly("status");
        assertThat(fields(fieldErrors(EVALUATOR, bare.deepCopy().put("score", 0.5).put("cost", -1)))).containsExactly("cost");
    }

    @Test
    void refusesARowOutsideTheDataset() {
        accept(START, start());
        assertThat(fieldErrors(TARGET, target(3, "v1"), history)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("below the run's totalRows 3"));
    }

    @Test
    void refusesATargetOrEvaluatorTheRunDoesNotHave() {
        accept(START, start());
        assertThat(fields(fieldErrors(TARGET, target(0, "v9"), history))).containsExactly("targetId");
        assertThat(fields(fieldErrors(EVALUATOR, evaluator(0, "toxicity"), history))).containsExactly("evaluatorId");
    }

    @Test
    void refusesTheSameResultTwice() {
        accept(START, start());
        accept(TARGET, target(1, "v2"));
        assertThatThrownBy(() -> decide(TARGET, target(1, "v2"), history))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("row 1 of v2 in run r1 is already recorded");
    }

    @Test
    void validatesAResultsTypesAndBounds() {
        ObjectNode payload = target(-1, "v1").put("cost", -2).put("durationMs", "slow")
                .put("output", "x".repeat(RecordTargetResultCommand.MAX_OUTPUT + 1));
        assertThat(fields(fieldErrors(TARGET, payload))).containsExactlyInAnyOrder("row", "cost", "durationMs", "output");
        assertThat(fields(fieldErrors(EVALUATOR, evaluator(0, "judge").put("score", 2).put("passed", "yes"))))
                .containsExactlyInAnyOrder("score", "passed");
    }

    @Test
    void refusesCostAndDurationPastTheDocumentedLimits() {
        ObjectNode payload = target(0, "v1").put("cost", 1.7e308).put("durationMs", Long.MAX_VALUE);
        assertThat(fields(fieldErrors(TARGET, payload))).containsExactlyInAnyOrder("cost", "durationMs");
    }
}
