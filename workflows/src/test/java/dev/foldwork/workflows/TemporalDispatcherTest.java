package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemporalDispatcherTest {
    private final FoldHarness harness = new FoldHarness(FoldHarness.quickOptions());
    private final TemporalDispatcher dispatcher = new TemporalDispatcher(harness.client(), new EventRouter(harness.registry),
            TemporalDispatcherOptions.defaults().withTaskQueue(FoldHarness.TASK_QUEUE).withMaxSignalBytes(300_000)
                    .withMaxInlineBytes(1 << 20));

    @AfterEach
    void close() {
        dispatcher.close();
        harness.close();
    }

    @Test
    void largeEventsAreSplitIntoSignalsThatFitAndStayInOrder() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(harness.entry("acct-big", i, ("m" + i).repeat(50_000 / 2)));
        }
        dispatcher.dispatch(events).join();

        harness.awaitStored("acct-big", FoldHarness.sequential(events));
        long signals = harness.client().fetchHistory(FoldHarness.groupOf("acct-big").toString()).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).count();
        assertThat(signals).isGreaterThanOrEqualTo(2); // 12 x ~50 KB cannot go in one 300 KB signal
    }

    @Test
    void aSmallDispatchGoesInlineAndAnEventTooLargeToCarryAsItsRangeFoldedFromTheStore() {
        Event fine = harness.entry("acct-huge", 1, "ok");
        Event huge = harness.entry("acct-huge", 2, "x".repeat(400_000));

        harness.dispatcher.dispatch(List.of(fine)).join(); // the default options: 64 KiB inline
        harness.dispatcher.dispatch(List.of(huge)).join();

        harness.awaitStored("acct-huge", FoldHarness.sequential(List.of(fine, huge)));
        List<HistoryEvent> signals = harness.client().fetchHistory(FoldHarness.groupOf("acct-huge").toString()).getEvents()
                .stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).toList();
        assertThat(signals).extracting(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName())
                .containsExactly(FoldWorkflow.EVENTS_SIGNAL, FoldWorkflow.STORED_SIGNAL);
        assertThat(signals).allSatisfy(e -> assertThat(e.getSerializedSize()).isLessThan(4_000));
    }
}
