package dev.foldwork.pipelines.simulation;

import static dev.foldwork.pipelines.CommandChecks.decide;
import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

/** One test per rule of the simulation commands. */
class SimulationCommandsTest {
    private static final CommandHandler START = new StartSimulationCommand();
    private static final CommandHandler SNAPSHOT = new RecordMessageSnapshotCommand();
    private static final CommandHandler FINISH = new FinishSimulationCommand();
    private static final CommandHandler DELETE = new DeleteSimulationCommand();
    private static final CommandHandler QUEUE = new QueueSimulationCommand();
    private static final CommandHandler CANCEL = new CancelSimulationCommand();
    private static final CommandHandler COSTS = new RecordCostsCommand();

    private final TestEvents events = new TestEvents("simulation_run");
    private final List<Event> history = new ArrayList<>();

    private static ObjectNode start() {
        return Json.object().put("runId", "s1").put("scenarioId", "refund").put("scenarioSetId", "billing").put("batchRunId", "b1");
    }

    private static ObjectNode snapshot() {
        ObjectNode payload = Json.object().put("runId", "s1");
        payload.putArray("messages").add(Json.object().put("role", "user").put("content", "hi"))
                .add(Json.object().put("role", "assistant").put("content", "hello"));
        return payload;
    }

    private static ObjectNode finish() {
        ObjectNode payload = Json.object().put("runId", "s1").put("verdict", "success").put("reasoning", "all met");
        payload.putArray("metCriteria").add("polite");
        return payload;
    }

    private static ObjectNode runId() {
        return Json.object().put("runId", "s1");
    }

    private void accept(CommandHandler handler, ObjectNode payload) {
        history.addAll(events.stored(decide(handler, payload, history)));
    }

    private void assertRefused(CommandHandler handler, ObjectNode payload, String inMessage) {
        assertThatThrownBy(() -> decide(handler, payload, history))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining(inMessage);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsARunFromStartToDeletion() {
        accept(START, start());
        accept(SNAPSHOT, snapshot());
        accept(FINISH, finish());
        accept(DELETE, runId());
        assertThat(history).extracting(Event::type).containsExactly(SimulationEvent.Started.TYPE,
                SimulationEvent.MessageSnapshotRecorded.TYPE, SimulationEvent.Finished.TYPE, SimulationEvent.Deleted.TYPE);
    }

    @Test
    void namesEveryMissingFieldOfAStart() {
        assertThat(fields(fieldErrors(START, runId()))).containsExactlyInAnyOrder("scenarioId", "scenarioSetId", "batchRunId");
    }

    @Test
    void namesTheBadFieldOfEachMessage() {
        ObjectNode payload = Json.object().put("runId", "s1");
        ArrayNode messages = payload.putArray("messages");
        messages.add(Json.object().put("role", "narrator").put("content", "once upon a time"));
        messages.add(Json.object().put("role", "user").put("content", "x".repeat(RecordMessageSnapshotCommand.MAX_CONTENT + 1)));
        messages.add("just text");
        assertThat(fields(fieldErrors(SNAPSHOT, payload))).containsExactly("messages[0].role", "messages[1].content", "messages[2]");
    }

    @Test
    void requiresTheMessagesAsAnArray() {
        assertThat(fields(fieldErrors(SNAPSHOT, runId()))).containsExactly("messages");
        assertThat(fields(fieldErrors(SNAPSHOT, runId().put("messages", "hi")))).containsExactly("messages");
    }

    @Test
    void validatesAVerdict() {
        ObjectNode payload = finish().put("verdict", "maybe");
        payload.remove("reasoning");
        payload.putArray("unmetCriteria").add(3);
        assertThat(fields(fieldErrors(FINISH, payload))).containsExactlyInAnyOrder("verdict", "reasoning", "unmetCriteria[0]");
    }

    @Test
    void refusesToStartTwice() {
        accept(START, start());
        assertRefused(START, start(), "already started");
    }

    @Test
    void aSnapshotAfterTheFinishAndASecondFinishAreStored() {
        accept(START, start());
        accept(FINISH, finish());
        accept(SNAPSHOT, snapshot());
        accept(FINISH, finish().put("verdict", "failure"));
        assertThat(history).extracting(Event::type).containsExactly(SimulationEvent.Started.TYPE,
                SimulationEvent.Finished.TYPE, SimulationEvent.MessageSnapshotRecorded.TYPE, SimulationEvent.Finished.TYPE);
    }

    @Test
    void aFinishBeforeTheStartAndALateStartAreStored() {
        accept(QUEUE, start());
        accept(FINISH, finish());
        accept(START, start());
        assertThat(history).hasSize(3);
        assertThat(TestEvents.foldAll(SimulationPipeline.STATE, history).status()).isEqualTo(SimulationStatus.FINISHED);
    }

    @Test
    void refusesToQueueTwice() {
        accept(QUEUE, start());
        accept(START, start());
        assertRefused(QUEUE, start(), "already queued");
    }

    @Test
    void acceptsACancelAndCostsPerRole() {
        accept(QUEUE, start());
        accept(CANCEL, runId().put("reason", "user stopped the batch"));
        ObjectNode costs = runId();
        costs.putObject("roleCosts").put("agent", 0.002).put("user_simulator", 0.001);
        accept(COSTS, costs);
        assertThat(history).extracting(Event::type).containsExactly(SimulationEvent.Queued.TYPE,
                SimulationEvent.Cancelled.TYPE, SimulationEvent.CostsRecorded.TYPE);
    }

    @Test
    void namesTheBadRoleCostAndFinishFields() {
        ObjectNode costs = runId();
        costs.putObject("roleCosts").put("agent", -1).put("judge", "cheap");
        assertThat(fields(fieldErrors(COSTS, costs))).containsExactlyInAnyOrder("roleCosts.agent", "roleCosts.judge");
        assertThat(fields(fieldErrors(COSTS, runId()))).containsExactly("roleCosts");
        assertThat(fields(fieldErrors(FINISH, finish().put("durationMs", -5).put("error", 7))))
                .containsExactlyInAnyOrder("durationMs", "error");
    }

    @Test
    void refusesEverythingAfterDeletion() {
        accept(START, start());
        accept(DELETE, runId());
        assertRefused(SNAPSHOT, snapshot(), "it is deleted");
        assertRefused(FINISH, finish(), "it is deleted");
        assertRefused(CANCEL, runId(), "it is deleted");
        assertRefused(DELETE, runId(), "already deleted");
    }

    @Test
    void refusesToDeleteARunThatNeverStarted() {
        assertRefused(DELETE, runId(), "never started");
    }
}
