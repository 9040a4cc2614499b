package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inline reactors in the Temporal mode: their reactions run as local activities in the task that
 * persisted the fold (a marker in the history, no activity task, no workflow task for its
 * completion), debounced ones too; other reactors keep an activity each. The history replays.
 */
class InlineReactorsTest {
    private static final String INLINE = "inline_watch";
    private static final String DEBOUNCED_INLINE = "quiet_inline_watch";
    private static final String BY_ACTIVITY = "activity_watch";

    private static PipelineRegistry watchedLedger(BalanceObserver observer) {
        return PipelineRegistry.of(Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .fold(LedgerPipeline.BALANCE)
                .reactor(LedgerPipeline.BALANCE, new AccountWatch(INLINE, Duration.ZERO, observer, true))
                .reactor(LedgerPipeline.BALANCE, new AccountWatch(DEBOUNCED_INLINE, Duration.ofMillis(300), observer, true))
                .reactor(LedgerPipeline.BALANCE, new AccountWatch(BY_ACTIVITY, Duration.ZERO, observer, false))
                .build());
    }

    @Test
    void inlineReactionsAreLocalActivitiesAndTheOthersActivities() throws Exception {
        List<WorkflowExecutionHistory> runs;
        int events = 6;
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions().withMaxBatch(1)
                .withIdleTimeout(Duration.ofMillis(800)), InlineReactorsTest::watchedLedger)) {
            String account = "acct-inline";
            List<Event> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                sent.add(harness.send(account, i + 1, "e" + i));
            }
            harness.awaitStored(account, FoldHarness.sequential(sent));
            // an unkeyed-per-event reaction from each of the two undebounced reactors, one debounced at least
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.reactions.size() >= 2 * events + 1);
            runs = FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString());
        }

        List<HistoryEvent> history = runs.stream().flatMap(run -> run.getEvents().stream()).toList();
        List<String> activityReactors = history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0).getData()
                        .toString(StandardCharsets.UTF_8))
                .toList();
        assertThat(activityReactors).as("activity inputs").hasSize(events)
                .allSatisfy(input -> assertThat(input).contains("\"" + BY_ACTIVITY + "\""));
        List<String> localActivities = history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
                .map(e -> e.getMarkerRecordedEventAttributes().toString())
                .toList();
        assertThat(localActivities.stream().filter(marker -> marker.contains(INLINE) && !marker.contains(DEBOUNCED_INLINE)))
                .as("the inline reactor's local activities").hasSize(events);
        assertThat(localActivities.stream().filter(marker -> marker.contains(DEBOUNCED_INLINE)))
                .as("the debounced inline reactor's local activities").isNotEmpty().hasSizeLessThan(events);

        FoldWorkflowReplayTest.replay(runs, watchedLedger((context, event) -> {}));
    }
}
