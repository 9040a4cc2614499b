package dev.foldwork.pipelines.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.simulation.SimulationEvent.Cancelled;
import dev.foldwork.pipelines.simulation.SimulationEvent.CostsRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvent.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvent.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvent.Message;
import dev.foldwork.pipelines.simulation.SimulationEvent.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvent.Queued;
import dev.foldwork.pipelines.simulation.SimulationEvent.Started;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulationRunStateFoldTest {
    private static final SimulationRunStateFold FOLD = new SimulationRunStateFold();
    private static final SimulationRunMetricsMap MAP = new SimulationRunMetricsMap();
    private final TestEvents events = new TestEvents("simulation_run");

    private static final Message SYSTEM = new Message(MessageRole.SYSTEM, "You are a support agent.");
    private static final Message USER = new Message(MessageRole.USER, "I was charged twice.");
    private static final Message AGENT = new Message(MessageRole.ASSISTANT, "x".repeat(200));

    private Event queued() {
        return events.event("s1", Queued.TYPE, 1, new Queued("s1", "scenario-1", "set-1", "batch-1", "double charge"));
    }

    private Event started() {
        return events.event("s1", Started.TYPE, 1, new Started("s1", "scenario-1", "set-1", "batch-1", null, null, null));
    }

    private Event snapshot(Message... messages) {
        return events.event("s1", MessageSnapshotRecorded.TYPE, 1, new MessageSnapshotRecorded("s1", List.of(messages)));
    }

    private Event finished(SimulationVerdict verdict, String error) {
        return events.event("s1", Finished.TYPE, 1, new Finished("s1", verdict, "refund not offered",
                List.of("polite"), List.of("resolves the issue"), error, 4200L, false));
    }

    private Event cancelled() {
        return events.event("s1", Cancelled.TYPE, 1, new Cancelled("s1", "user stopped the batch"));
    }

    private Event costs(double agent, double user) {
        TreeMap<String, Double> roles = new TreeMap<>();
        roles.put("agent", agent);
        roles.put("user_simulator", user);
        return events.event("s1", CostsRecorded.TYPE, 1, new CostsRecorded("s1", roles));
    }

    private List<Event> run() {
        return List.of(started(), snapshot(SYSTEM, USER), snapshot(SYSTEM, USER, AGENT), finished(SimulationVerdict.FAILURE, null));
    }

    @Test
    void followsARunFromStartToVerdict() {
        SimulationRunState state = TestEvents.foldAll(FOLD, run());

        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.FAILURE);
        assertThat(state.scenarioId()).isEqualTo("scenario-1");
        assertThat(state.snapshots()).isEqualTo(2);
        assertThat(state.messageCount()).isEqualTo(3);
        assertThat(state.messages()).containsExactly(SYSTEM, USER, AGENT);
        assertThat(state.lastMessageRole()).isEqualTo(MessageRole.ASSISTANT);
        assertThat(state.lastMessagePreview()).hasSize(SimulationRunStateFold.PREVIEW_LENGTH + 3).endsWith("...");
        assertThat(state.verdict()).isEqualTo(SimulationVerdict.FAILURE);
        assertThat(state.reasoning()).isEqualTo("refund not offered");
        assertThat(state.unmetCriteria()).containsExactly("resolves the issue");
        assertThat(state.durationMs()).isEqualTo(4200L);
        assertThat(state.deleted()).isFalse();
    }

    @Test
    void aQueuedRunIsQueuedUntilItStarts() {
        SimulationRunState queued = FOLD.apply(FOLD.init(), queued());
        assertThat(queued.status()).isEqualTo(SimulationStatus.QUEUED);
        assertThat(queued.name()).isEqualTo("double charge");
        assertThat(FOLD.apply(queued, started()).status()).isEqualTo(SimulationStatus.RUNNING);
    }

    @Test
    void aLateQueueDoesNotSendARunningRunBack() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), queued()));
        assertThat(state.status()).isEqualTo(SimulationStatus.RUNNING);
        assertThat(state.name()).isEqualTo("double charge");
    }

    @Test
    void aFinishWithAnErrorEndsInError() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), finished(SimulationVerdict.FAILURE, "cannot reach the agent")));
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.ERROR);
        assertThat(state.error()).isEqualTo("cannot reach the agent");
    }

    @Test
    void aQueuedRunCanBeCancelledBeforeItStarts() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(queued(), cancelled()));
        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.CANCELLED);
        assertThat(state.reasoning()).isEqualTo("user stopped the batch");
    }

    @Test
    void aLateStartDoesNotReopenAFinishedRun() {
        Event lateStart;
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(queued(), finished(SimulationVerdict.SUCCESS, null),
                lateStart = started()));
        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.SUCCESS);
        assertThat(state.startedAt()).isEqualTo(lateStart.timestamp());
        assertThat(state.scenarioSetId()).isEqualTo("set-1");
    }

    @Test
    void aLateQueueKeepsTheTerminalOutcome() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), finished(SimulationVerdict.FAILURE, "boom"), queued()));
        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.ERROR);
    }

    @Test
    void aSecondFinishDoesNotRewriteTheFirst() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), finished(SimulationVerdict.FAILURE, "worker died"),
                finished(SimulationVerdict.SUCCESS, null)));
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.ERROR);
        assertThat(state.error()).isEqualTo("worker died");
    }

    @Test
    void aCancelOutranksAReportedOutcomeInEitherOrder() {
        SimulationRunState cancelFirst = TestEvents.foldAll(FOLD, List.of(started(), cancelled(), finished(SimulationVerdict.SUCCESS, null)));
        SimulationRunState cancelLast = TestEvents.foldAll(FOLD, List.of(started(), finished(SimulationVerdict.SUCCESS, null), cancelled()));
        assertThat(cancelFirst.outcome()).isEqualTo(SimulationOutcome.CANCELLED);
        assertThat(cancelLast.outcome()).isEqualTo(SimulationOutcome.CANCELLED);
        assertThat(cancelLast.verdict()).isNull();
    }

    @Test
    void aSnapshotAfterTheFinishIsKept() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), snapshot(SYSTEM), finished(SimulationVerdict.SUCCESS, null),
                snapshot(SYSTEM, USER, AGENT)));
        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.messageCount()).isEqualTo(3);
    }

    @Test
    void anOlderSnapshotArrivingLateDoesNotShrinkTheConversation() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), snapshot(SYSTEM, USER, AGENT), snapshot(SYSTEM, USER)));
        assertThat(state.messageCount()).isEqualTo(3);
        assertThat(state.messages()).containsExactly(SYSTEM, USER, AGENT);
        assertThat(state.snapshots()).isEqualTo(2);
    }

    @Test
    void keepsCostPerRoleAndTheLatestMeasurementReplacesTheLast() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), costs(0.5, 0.25), costs(0.5, 0.125)));
        assertThat(state.roleCosts()).containsEntry("agent", 0.5).containsEntry("user_simulator", 0.125);
        assertThat(state.totalCost()).isEqualTo(0.625);
    }

    @Test
    void keepsTheLastMessagesOfALongConversationWithinItsBudget() {
        Message[] conversation = IntStream.range(0, RecordMessageSnapshotCommand.MAX_MESSAGES)
                .mapToObj(i -> new Message(i % 2 == 0 ? MessageRole.USER : MessageRole.ASSISTANT, i + "x".repeat(RecordMessageSnapshotCommand.MAX_CONTENT - 4)))
                .toArray(Message[]::new);
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), snapshot(conversation)));
        assertThat(state.messageCount()).isEqualTo(RecordMessageSnapshotCommand.MAX_MESSAGES);
        assertThat(state.messages()).hasSize(SimulationRunStateFold.MAX_KEPT_MESSAGES);
        assertThat(state.messages().get(SimulationRunStateFold.MAX_KEPT_MESSAGES - 1).content())
                .startsWith(String.valueOf(RecordMessageSnapshotCommand.MAX_MESSAGES - 1))
                .hasSize(SimulationRunStateFold.MAX_KEPT_CONTENT + 3);
        assertThat(Json.write(Json.toNode(state)).getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
    }

    @Test
    void anyArrivalOrderOfTheLifecycleGivesTheSameRun() {
        List<Event> facts = List.of(queued(), started(), snapshot(SYSTEM, USER), snapshot(SYSTEM, USER, AGENT),
                finished(SimulationVerdict.SUCCESS, null), costs(0.5, 0.25));
        SimulationRunState expected = null;
        for (List<Event> order : TestEvents.permutations(facts)) {
            SimulationRunState state = withoutStamps(TestEvents.foldAll(FOLD, order));
            if (expected == null) {
                expected = state;
            }
            assertThat(state).as("order %s", order.stream().map(Event::type).toList()).isEqualTo(expected);
        }
        assertThat(expected.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(expected.outcome()).isEqualTo(SimulationOutcome.SUCCESS);
        assertThat(expected.messageCount()).isEqualTo(3);
        assertThat(expected.name()).isEqualTo("double charge");
    }

    @Test
    void eventsStoredBeforeTheNewFieldsReadAsNotReported() {
        SimulationRunState state = TestEvents.foldAll(FOLD, List.of(started(), events.event("s1", Finished.TYPE, 1,
                Json.object().put("runId", "s1").put("verdict", "SUCCESS").put("reasoning", "ok"))));
        assertThat(state.outcome()).isEqualTo(SimulationOutcome.SUCCESS);
        assertThat(state.error()).isNull();
        assertThat(state.durationMs()).isNull();
    }

    @Test
    void aDeletedRunKeepsItsOutcome() {
        Event deleted = events.event("s1", Deleted.TYPE, 1, new Deleted("s1"));
        SimulationRunState state = FOLD.apply(TestEvents.foldAll(FOLD, run()), deleted);

        assertThat(state.deleted()).isTrue();
        assertThat(state.deletedAt()).isEqualTo(deleted.timestamp());
        assertThat(state.verdict()).isEqualTo(SimulationVerdict.FAILURE);
    }

    @Test
    void isDeterministicAndSurvivesTheFoldStoreRoundTrip() {
        List<Event> history = new ArrayList<>(run());
        history.add(costs(0.5, 0.25));
        SimulationRunState state = TestEvents.foldAll(FOLD, history);
        assertThat(TestEvents.foldAll(FOLD, history)).isEqualTo(state);
        assertThat(TestEvents.roundTrip(FOLD, state)).isEqualTo(state);
    }

    @Test
    void mapsAMetricsRowPerSnapshotAndForTheVerdict() {
        List<SimulationRunMetric> metrics = run().stream().flatMap(e -> MAP.map(e).stream()).toList();

        assertThat(metrics).extracting(SimulationRunMetric::kind).containsExactly(
                SimulationRunMetric.SNAPSHOT, SimulationRunMetric.SNAPSHOT, SimulationRunMetric.FINISHED);
        SimulationRunMetric second = metrics.get(1);
        assertThat(second.messages()).isEqualTo(3);
        assertThat(second.userMessages()).isEqualTo(1);
        assertThat(second.assistantMessages()).isEqualTo(1);
        assertThat(second.characters()).isEqualTo(SYSTEM.content().length() + USER.content().length() + 200);
        assertThat(metrics.get(2).unmetCriteria()).isEqualTo(1);
    }

    private static SimulationRunState withoutStamps(SimulationRunState s) {
        return new SimulationRunState(s.runId(), s.scenarioId(), s.scenarioSetId(), s.batchRunId(), s.name(), s.status(),
                s.outcome(), s.deleted(), s.snapshots(), s.messageCount(), s.lastMessageRole(), s.lastMessagePreview(),
                s.messages(), s.verdict(), s.reasoning(), s.metCriteria(), s.unmetCriteria(), s.error(), s.durationMs(),
                s.totalCost(), new TreeMap<>(s.roleCosts()), 0, 0, 0, 0);
    }
}
