package dev.foldwork.pipelines.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fact reported twice is stored twice (the folds reconcile it) but billed once: the commands
 * mark the repeat and the meter skips it, in any order the meter sees the events.
 */
class BillingCountsEachFactOnceTest {
    private static final BillingMeterFold FOLD = new BillingMeterFold();
    private final Foldwork<MemoryDispatcher> es = Foldwork.inMemory(Pipelines.registry(Pipelines.Settings.defaults(), new RecordedTraceUpdates()));

    @AfterEach
    void close() {
        es.close();
    }

    private void send(String pipeline, String type, ObjectNode payload) {
        es.service().send(new Command(TestEvents.TENANT, pipeline, type, payload));
    }

    private List<Event> history(String aggregateType, String aggregateId) {
        return es.eventStore().read(TestEvents.TENANT, AggregateType.of(aggregateType), aggregateId);
    }

    private static BillingMeter meter(List<Event> events) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(15));
        BillingMeter meter = TestEvents.foldAll(FOLD, events);
        assertThat(TestEvents.foldAll(FOLD, shuffled)).isEqualTo(meter);
        return meter;
    }

    @Test
    void anEvaluationsResultReportedAgainIsBilledOnce() {
        ObjectNode id = Json.object().put("evaluationId", "e1");
        send(EvaluationPipeline.NAME, "schedule", id.deepCopy().put("evaluatorId", "faithfulness").put("traceId", "t1"));
        send(EvaluationPipeline.NAME, "complete", id.deepCopy().put("score", 0.9).put("passed", true));
        send(EvaluationPipeline.NAME, "complete", id.deepCopy().put("score", 0.9).put("passed", true));
        send(EvaluationPipeline.NAME, "skip", id.deepCopy().put("reason", "sampled out"));
        send(EvaluationPipeline.NAME, "fail", id.deepCopy().put("error", "late retry failed"));

        assertThat(history(EvaluationPipeline.NAME, "e1")).hasSize(5);
        assertThat(meter(history(EvaluationPipeline.NAME, "e1")).byCategory()).isEqualTo(Map.of("evaluations", 1L));
    }

    @Test
    void aFailedEvaluationRetriedToACompletionIsBilledOnce() {
        ObjectNode id = Json.object().put("evaluationId", "e2");
        send(EvaluationPipeline.NAME, "fail", id.deepCopy().put("error", "judge timed out"));
        send(EvaluationPipeline.NAME, "complete", id.deepCopy().put("score", 0.4).put("passed", false));

        assertThat(meter(history(EvaluationPipeline.NAME, "e2")).billableEvents()).isEqualTo(1);
    }

    @Test
    void aSimulationFinishedTwiceIsBilledOnceAndACancelIsFree() {
        send(SimulationPipeline.NAME, "start", Json.object().put("runId", "s1").put("scenarioId", "refund")
                .put("scenarioSetId", "support").put("batchRunId", "b1"));
        ObjectNode finish = Json.object().put("runId", "s1").put("verdict", "success").put("reasoning", "all met");
        send(SimulationPipeline.NAME, "cancel", Json.object().put("runId", "s1"));
        send(SimulationPipeline.NAME, "finish", finish);
        send(SimulationPipeline.NAME, "finish", finish.deepCopy().put("verdict", "failure"));

        assertThat(history(SimulationPipeline.AGGREGATE_TYPE, "s1")).hasSize(4);
        BillingMeter meter = meter(history(SimulationPipeline.AGGREGATE_TYPE, "s1"));
        assertThat(meter.billableEvents()).isEqualTo(1);
        assertThat(meter.byCategory()).containsEntry("simulations", 1L);
    }

    @Test
    void anExperimentResultReportedAgainIsRefusedSoEveryStoredOneIsBilled() {
        ObjectNode start = Json.object().put("runId", "r1").put("experimentId", "x1").put("totalRows", 2);
        start.putArray("targets").add("gpt");
        start.putArray("evaluators").add("judge");
        send(ExperimentRunPipeline.NAME, "start", start);
        ObjectNode target = Json.object().put("runId", "r1").put("row", 0).put("targetId", "gpt").put("durationMs", 10);
        send(ExperimentRunPipeline.NAME, "record_target_result", target);
        assertThatThrownBy(() -> send(ExperimentRunPipeline.NAME, "record_target_result", target))
                .isInstanceOf(CommandRejectedException.class);
        send(ExperimentRunPipeline.NAME, "record_evaluator_result",
                Json.object().put("runId", "r1").put("row", 0).put("evaluatorId", "judge").put("score", 0.5));

        assertThat(meter(history(ExperimentRunPipeline.NAME, "r1")).byCategory()).containsEntry("experiment_results", 2L);
    }

    /**
     * Ingestion reads no history (it is answered before it is stored), so a span sent again cannot
     * be told from a new one at the command: each ingested copy is billed, as documented.
     */
    @Test
    void aSpanSentAgainIsBilledAgainBecauseIngestionReadsNoHistory() {
        ObjectNode span = Json.object().put("traceId", "t1").put("spanId", "s1").put("name", "llm.chat")
                .put("kind", "llm").put("startTimeMs", 1_000).put("endTimeMs", 1_450);
        send(TracePipeline.NAME, "record_span", span);
        send(TracePipeline.NAME, "record_span", span);

        assertThat(meter(history(TracePipeline.NAME, "t1")).byCategory()).containsEntry("spans", 2L);
    }
}
