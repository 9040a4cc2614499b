package dev.foldwork.pipelines.evaluation;

import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The evaluation's commands: valid late or repeated facts stored, malformed ones refused by field. */
class EvaluationCommandsTest {
    private final Foldwork<MemoryDispatcher> es = Foldwork.inMemory(Pipelines.registry(Pipelines.Settings.defaults(), new RecordedTraceUpdates()));

    @AfterEach
    void close() {
        es.close();
    }

    private List<Event> send(String type, ObjectNode payload) {
        return es.service().send(new Command(TestEvents.TENANT, EvaluationPipeline.NAME, type, payload.put("evaluationId", "e1")));
    }

    private List<Event> history() {
        return es.eventStore().read(TestEvents.TENANT, AggregateType.of(EvaluationPipeline.NAME), "e1");
    }

    private EvaluationRun run() {
        return TestEvents.foldAll(EvaluationPipeline.RUN, history());
    }

    private void schedule() {
        send("schedule", Json.object().put("evaluatorId", "faithfulness").put("traceId", "t1"));
    }

    private void assertRefused(String type, ObjectNode payload, String... inMessage) {
        int before = history().size();
        assertThatThrownBy(() -> send(type, payload))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContainingAll(inMessage);
        assertThat(history()).hasSize(before);
    }

    private static ObjectNode completion() {
        return Json.object().put("score", 0.9).put("passed", true);
    }

    @Test
    void acceptsTheWholeLifecycle() {
        schedule();
        send("start", Json.object());
        send("complete", completion().put("label", "grounded"));

        assertThat(history()).extracting(Event::type).containsExactly(
                EvaluationEvent.Scheduled.TYPE, EvaluationEvent.Started.TYPE, EvaluationEvent.Completed.TYPE);
    }

    @Test
    void aResultBeforeTheStartIsStored() {
        schedule();
        send("complete", completion());
        assertThat(history()).extracting(Event::type).containsExactly(
                EvaluationEvent.Scheduled.TYPE, EvaluationEvent.Completed.TYPE);
    }

    @Test
    void aLateStartAfterTheResultIsStoredAndDoesNotReopenTheEvaluation() {
        schedule();
        send("complete", completion());
        send("start", Json.object());
        assertThat(history()).hasSize(3);
        assertThat(run().status()).isEqualTo(EvaluationStatus.PROCESSED);
    }

    @Test
    void aResultReportedAgainIsStoredAndTheLastOneCounts() {
        schedule();
        send("skip", Json.object().put("reason", "sampled out"));
        send("fail", Json.object().put("error", "late retry failed"));
        assertThat(history()).hasSize(3);
        assertThat(run().status()).isEqualTo(EvaluationStatus.ERROR);
    }

    @Test
    void aResultAfterAnEarlierOneIsMarkedARepeatForBilling() {
        schedule();
        send("complete", completion());
        send("skip", Json.object().put("reason", "sampled out"));
        send("complete", completion());
        assertThat(history()).extracting(e -> e.data().path(BillableFacts.REPEAT).asBoolean())
                .containsExactly(false, false, false, true);
    }

    @Test
    void aResultStoredBeforeTheRepeatMarkReadsAsNoRepeat() {
        EvaluationEvent.Completed old = Json.fromNode(Json.parse("""
                {"evaluationId":"e1","score":0.9,"passed":true,"label":null,"details":null}"""), EvaluationEvent.Completed.class);
        assertThat(old.repeat()).isFalse();
    }

    @Test
    void refusesToStartTwice() {
        schedule();
        send("start", Json.object());
        assertRefused("start", Json.object(), "cannot start evaluation e1", "already started");
        send("complete", completion());
        assertRefused("start", Json.object(), "already started");
    }

    @Test
    void aScheduleAfterTheResultNamesTheEvaluator() {
        send("complete", completion());
        send("schedule", Json.object().put("evaluatorId", "faithfulness").put("evaluatorType", "langevals/faithfulness"));
        EvaluationRun run = run();
        assertThat(run.evaluatorId()).isEqualTo("faithfulness");
        assertThat(run.evaluatorType()).isEqualTo("langevals/faithfulness");
        assertThat(run.status()).isEqualTo(EvaluationStatus.PROCESSED);
    }

    @Test
    void schedulingAgainIsANoOpSoTriggersMayRepeat() {
        schedule();
        send("start", Json.object());
        assertThat(send("schedule", Json.object().put("evaluatorId", "faithfulness"))).isEmpty();
        assertThat(history()).hasSize(2);
    }

    @Test
    void refusesToRescheduleUnderAnotherEvaluator() {
        schedule();
        assertRefused("schedule", Json.object().put("evaluatorId", "toxicity"), "already scheduled with evaluator faithfulness");
    }

    @Test
    void validatesACompletion() {
        List<FieldError> errors = fieldErrors(new CompleteEvaluationCommand(),
                Json.object().put("evaluationId", "e1").put("score", 1.5).put("label", "x".repeat(300)));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("score", "passed", "label");
    }

    @Test
    void validatesTheReportedCostAndDuration() {
        List<FieldError> errors = fieldErrors(new FailEvaluationCommand(), Json.object().put("evaluationId", "e1")
                .put("error", "boom").put("cost", -1).put("durationMs", "slow"));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("cost", "durationMs");
        assertThat(fieldErrors(new CompleteEvaluationCommand(), completion().put("evaluationId", "e1").put("cost", 2e9)))
                .extracting(FieldError::field).containsExactly("cost");
    }

    @Test
    void validatesTheEvaluatorsDescriptionOfASchedule() {
        assertThat(fieldErrors(new ScheduleEvaluationCommand(), Json.object().put("evaluationId", "e1")
                .put("evaluatorId", "toxicity").put("guardrail", "yes").put("evaluatorName", "x".repeat(300))))
                .extracting(FieldError::field).containsExactlyInAnyOrder("guardrail", "evaluatorName");
    }

    @Test
    void requiresAReasonToSkipAndAnErrorToFail() {
        assertThat(fieldErrors(new SkipEvaluationCommand(), Json.object().put("evaluationId", "e1")))
                .extracting(FieldError::field).containsExactly("reason");
        assertThat(fieldErrors(new FailEvaluationCommand(), Json.object().put("evaluationId", "e1")))
                .extracting(FieldError::field).containsExactly("error");
    }

    @Test
    void validatesIdsOfASchedule() {
        assertThat(fieldErrors(new ScheduleEvaluationCommand(), Json.object().put("evaluationId", "e 1").put("traceId", 7)))
                .extracting(FieldError::field).containsExactlyInAnyOrder("evaluationId", "evaluatorId", "traceId");
    }
}
