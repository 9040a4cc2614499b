package dev.foldwork.pipelines.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.evaluation.EvaluationEvent;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.evaluation.EvaluationRun;
import dev.foldwork.pipelines.evaluation.EvaluationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace reactors in the memory mode: a burst of spans evaluates once and broadcasts each stored summary. */
class TraceReactorsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final RecordedTraceUpdates updates = new RecordedTraceUpdates();
    private final Foldwork<MemoryDispatcher> es = Foldwork.inMemory(Pipelines.registry(
            new Pipelines.Settings(Duration.ofMillis(300), "trace_quality"), updates));

    @AfterEach
    void close() {
        es.close();
    }

    private void sendSpans(int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            var span = Json.object().put("traceId", TRACE).put("spanId", "span-" + i).put("name", "llm.chat")
                    .put("kind", "llm").put("startTimeMs", 1_000 + i).put("endTimeMs", 2_000 + i);
            es.service().send(new Command(TestEvents.TENANT, TracePipeline.NAME, RecordSpanCommand.TYPE, span));
        }
        assertThat(es.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private List<Event> evaluationHistory() {
        return es.eventStore().read(TestEvents.TENANT, AggregateType.of(EvaluationPipeline.NAME),
                EvaluationTriggerReactor.evaluationIdOf(TRACE));
    }

    @Test
    void aBurstOfSpansSchedulesOneEvaluationOnceTheTraceIsQuiet() throws Exception {
        sendSpans(0, 6);

        assertThat(evaluationHistory()).extracting(Event::type).containsExactly(EvaluationEvent.Scheduled.TYPE);
        StoredFold stored = es.foldStore().get(TestEvents.TENANT, EvaluationPipeline.RUN.name(),
                EvaluationTriggerReactor.evaluationIdOf(TRACE)).orElseThrow();
        EvaluationRun run = Json.fromNode(stored.state(), EvaluationRun.class);
        assertThat(run.status()).isEqualTo(EvaluationStatus.SCHEDULED);
        assertThat(run.traceId()).isEqualTo(TRACE);
        assertThat(run.evaluatorId()).isEqualTo("trace_quality");
    }

    @Test
    void aTraceThatWakesUpAgainIsNotScheduledTwice() throws Exception {
        sendSpans(0, 3);
        sendSpans(3, 5);

        assertThat(evaluationHistory()).hasSize(1);
    }

    /** One update per stored batch, each with the summary as stored: a viewer sees every span counted, in order. */
    @Test
    void broadcastsTheSummaryOfEveryStoredBatch() throws Exception {
        sendSpans(0, 6);

        List<TraceUpdate> mine = updates.all().stream().filter(u -> u.traceId().equals(TRACE)).toList();
        assertThat(mine).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        assertThat(mine).extracting(TraceUpdate::spanCount).isSorted();
        assertThat(mine.get(mine.size() - 1).spanCount()).isEqualTo(6);
        assertThat(mine.get(mine.size() - 1).tenantId()).isEqualTo(TestEvents.TENANT);
    }
}
