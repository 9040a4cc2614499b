package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.BalanceObserver;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded by a release replay on every later build: the histories releases recorded
 * are committed under {@code histories/release*}/ and replayed here; the same scenario is
 * recorded afresh on this build and replayed too. At each release, refresh the committed ones
 * with the command in docs/ARCHITECTURE.md, "Deploying over open runs" (it sets
 * {@code foldwork.record-histories}).
 * The scenario touches every path of the workflow: batches with lost deliveries filled from the
 * store, events too large to carry read from the store, maps, a reactor per event and a debounced
 * one, a poison event parked and skipped by update, continue-as-new, idle completion, and the
 * global fold every aggregate feeds.
 */
class ReleaseHistoriesTest {
    private static final Path RECORD_TO = Path.of("src/test/resources/histories/release");

    static PipelineRegistry releaseRegistry(BalanceObserver observer) {
        return releaseRegistry(observer, false);
    }

    /** {@code inlineWatch}: the debounced watcher runs inline, as a later build may make it. */
    static PipelineRegistry releaseRegistry(BalanceObserver observer, boolean inlineWatch) {
        return PipelineRegistry.of(List.of(Pipeline.named(LedgerPipeline.NAME)
                        .aggregateType("account")
                        .fold(LedgerPipeline.BALANCE)
                        .map(LedgerPipeline.ENTRY_LOG)
                        .reactor(LedgerPipeline.BALANCE, new LedgerPipeline.BalanceReactor(observer))
                        .reactor(LedgerPipeline.BALANCE,
                                new AccountWatch("account_watch", Duration.ofMillis(300), observer, inlineWatch))
                        .build()),
                Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
    }

    /**
     * {@code release}: recorded by this build's scenario at its release; {@code release-59bd5b1}: the
     * same scenario recorded by the release before (events and states passed to maps and reactors,
     * no recorded pipeline shape, a trimmed queue at continue-as-new).
     */
    @ParameterizedTest
    @ValueSource(strings = {"release", "release-59bd5b1"})
    void aReleasesHistoriesReplay(String release) throws Exception {
        String folder = "/histories/" + release + "/";
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        for (String name : read(folder + "index.txt").lines().filter(line -> !line.isBlank()).toList()) {
            histories.add(WorkflowExecutionHistory.fromJson(read(folder + name)));
        }
        assertThat(histories).as("committed release histories").hasSizeGreaterThanOrEqualTo(3);
        replay(histories);
    }

    @Test
    void thisBuildsHistoriesOfTheScenarioReplay() throws Exception {
        List<WorkflowExecutionHistory> histories = recordScenario();
        assertThat(histories).as("runs that read events too large to carry").anySatisfy(history -> assertThat(history.getEvents())
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
                        && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals(FoldWorkflow.STORED_SIGNAL)));
        assertThat(histories).as("runs that debounced a reaction").anySatisfy(history -> assertThat(history.getEvents())
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
        replay(histories);
        if (Boolean.getBoolean("foldwork.record-histories")) {
            write(histories);
        }
    }

    private static List<WorkflowExecutionHistory> recordScenario() {
        FoldWorkflowOptions options = FoldHarness.quickOptions().withMaxBatch(5).withMaxEventsPerRun(20)
                .withIdleTimeout(Duration.ofMillis(500));
        try (FoldHarness harness = new FoldHarness(options, ReleaseHistoriesTest::releaseRegistry)) {
            String account = "acct-release";
            List<Event> applied = new ArrayList<>();
            for (int i = 0; i < 30; i += 3) {
                List<Event> three = List.of(harness.entry(account, i, "r" + i), harness.entry(account, i + 1, "r" + (i + 1)),
                        harness.entry(account, i + 2, "r" + (i + 2)));
                applied.addAll(three);
                harness.dispatcher.dispatch(List.of(three.get(0), three.get(2))).join(); // the middle one is lost
            }
            Event large = harness.entry(account, 100, "l-" + "x".repeat(70_000)); // above the 64 KiB a signal carries
            applied.add(large);
            harness.dispatcher.dispatch(List.of(large)).join();
            Event poison = harness.entry(account, 1, "poison");
            harness.dispatcher.dispatch(List.of(poison)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.view(account).parked() != null);
            harness.client().newWorkflowStub(FoldWorkflow.class, FoldHarness.groupOf(account).toString()).skipParked(poison.id());
            for (int i = 0; i < 5; i++) {
                Event after = harness.entry(account, 200 + i, "a" + i);
                applied.add(after);
                harness.dispatcher.dispatch(List.of(after)).join();
            }
            harness.awaitStored(account, FoldHarness.sequential(applied));
            var stub = harness.client().newUntypedWorkflowStub(FoldHarness.groupOf(account).toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> stub.describe().getRawDescription().getWorkflowExecutionInfo()
                    .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

            EventRouter router = new EventRouter(harness.registry);
            FoldGroupId global = router.foldGroups(List.of(poison)).keySet().stream().filter(router::isGlobal).findFirst()
                    .orElseThrow();
            List<WorkflowExecutionHistory> histories = new ArrayList<>(
                    FoldWorkflowReplayTest.everyRun(harness, FoldHarness.groupOf(account).toString()));
            histories.addAll(FoldWorkflowReplayTest.everyRun(harness, global.toString()));
            return histories;
        }
    }

    /**
     * Replays on a worker whose watcher is inline where the histories' was not: a run replays with
     * the reactors' placement it recorded (or, recorded before shapes, with activities).
     */
    private static void replay(List<WorkflowExecutionHistory> histories) throws Exception {
        FoldWorkflowReplayTest.replay(histories, releaseRegistry((context, event) -> {}, true));
    }

    private static void write(List<WorkflowExecutionHistory> histories) throws IOException {
        Files.createDirectories(RECORD_TO);
        try (var old = Files.list(RECORD_TO)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < histories.size(); i++) {
            String name = "run-" + i + ".json";
            Files.writeString(RECORD_TO.resolve(name), histories.get(i).toJson(true));
            index.append(name).append('\n');
        }
        Files.writeString(RECORD_TO.resolve("index.txt"), index.toString());
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ReleaseHistoriesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource + ": record the release histories first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
