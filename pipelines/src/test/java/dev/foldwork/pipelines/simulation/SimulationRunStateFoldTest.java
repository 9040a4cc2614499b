package dev.foldwork.pipelines.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.simulation.SimulationEvents.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvents.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import dev.foldwork.pipelines.simulation.SimulationEvents.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvents.Started;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationRunStateFoldTest {
    private static final SimulationRunStateFold FOLD = new SimulationRunStateFold();
    private static final SimulationRunMetricsMap MAP = new SimulationRunMetricsMap();
    private final TestEvents events = new TestEvents("simulation_run");

    private static final Message SYSTEM = new Message(MessageRole.SYSTEM, "You are a support agent.");
    private static final Message USER = new Message(MessageRole.USER, "I was charged twice.");
    private static final Message AGENT = new Message(MessageRole.ASSISTANT, "x".repeat(200));

    private List<Event> run() {
        return List.of(
                events.event("s1", Started.TYPE, 1, new Started("s1", "scenario-1", "set-1", "batch-1", null, null)),
                events.event("s1", MessageSnapshotRecorded.TYPE, 1, new MessageSnapshotRecorded("s1", List.of(SYSTEM, USER))),
                events.event("s1", MessageSnapshotRecorded.TYPE, 1, new MessageSnapshotRecorded("s1", List.of(SYSTEM, USER, AGENT))),
                events.event("s1", Finished.TYPE, 1, new Finished("s1", SimulationVerdict.FAILURE, "refund not offered",
                        List.of("polite"), List.of("resolves the issue"))));
    }

    @Test
    void followsARunFromStartToVerdict() {
        SimulationRunState state = TestEvents.foldAll(FOLD, run());

        assertThat(state.status()).isEqualTo(SimulationStatus.FINISHED);
        assertThat(state.scenarioId()).isEqualTo("scenario-1");
        assertThat(state.snapshots()).isEqualTo(2);
        assertThat(state.messageCount()).isEqualTo(3);
        assertThat(state.lastMessageRole()).isEqualTo(MessageRole.ASSISTANT);
        assertThat(state.lastMessagePreview()).hasSize(SimulationRunStateFold.PREVIEW_LENGTH + 3).endsWith("...");
        assertThat(state.verdict()).isEqualTo(SimulationVerdict.FAILURE);
        assertThat(state.unmetCriteria()).containsExactly("resolves the issue");
        assertThat(state.deleted()).isFalse();
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
        List<Event> history = run();
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
}
