package dev.foldwork.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.evaluation.EvaluationEvent;
import dev.foldwork.pipelines.experimentrun.EvaluatorResultStatus;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent;
import dev.foldwork.pipelines.simulation.SimulationEvent;
import dev.foldwork.pipelines.trace.SpanRecorded;
import dev.foldwork.pipelines.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each pipeline reads its stored events through its codec: every event record of its sealed
 * interface is declared, events stored at older versions or before optional fields existed read
 * as the current shape, and a version newer than the reader is refused.
 */
class ProductEventsTest {
    private static final Map<Class<?>, EventCodec<?>> CODECS = Map.of(
            TraceEvent.class, TraceEvent.CODEC,
            EvaluationEvent.class, EvaluationEvent.CODEC,
            ExperimentRunEvent.class, ExperimentRunEvent.CODEC,
            SimulationEvent.class, SimulationEvent.CODEC);

    @Test
    void everyPipelinesCodecDeclaresEveryEventOfItsSealedInterface() {
        CODECS.forEach((sealed, codec) -> assertThat(List.<Object>copyOf(codec.records()))
                .as(sealed.getSimpleName())
                .containsExactlyInAnyOrder((Object[]) sealed.getPermittedSubclasses()));
    }

    @Test
    void spansOfVersionsOneAndTwoReadThroughTheirUpcasters() {
        ObjectNode v1 = span(); // v1 had no cost
        SpanRecorded fromV1 = (SpanRecorded) TraceEvent.CODEC.decode(new TestEvents("trace").event("t1", SpanRecorded.TYPE, 1, v1))
                .orElseThrow();
        assertThat(fromV1.cost()).isZero();
        assertThat(fromV1.labels()).isEmpty();
        assertThat(fromV1.costSource()).isNull();

        SpanRecorded fromV2 = (SpanRecorded) TraceEvent.CODEC.decode(new TestEvents("trace").event("t1", SpanRecorded.TYPE, 2,
                span().put("cost", 0.25))).orElseThrow();
        assertThat(fromV2.cost()).isEqualTo(0.25);
        assertThat(fromV2.costSource()).as("a v2 cost was the SDK's").isEqualTo(SpanRecorded.CostSource.SDK);
        assertThat(fromV2.firstTokenAtMs()).isZero();
    }

    @Test
    void evaluationEventsStoredBeforeTheirOptionalFieldsRead() {
        Object completed = decode("evaluation", EvaluationEvent.Completed.TYPE, 1, Json.object()
                .put("evaluationId", "e1").put("score", 0.5).put("passed", true).put("label", "ok").put("details", "d"));
        assertThat(completed).isEqualTo(new EvaluationEvent.Completed("e1", 0.5, true, "ok", "d", null, null, false));
        Object scheduled = decode("evaluation", EvaluationEvent.Scheduled.TYPE, 1, Json.object()
                .put("evaluationId", "e1").put("evaluatorId", "judge").put("traceId", "t1"));
        assertThat(scheduled).isEqualTo(new EvaluationEvent.Scheduled("e1", "judge", "t1", null, null, false));
    }

    @Test
    void experimentRunEventsStoredBeforeTheirOptionalFieldsRead() {
        Object result = decode("experiment_run", ExperimentRunEvent.EvaluatorResultRecorded.TYPE, 1, Json.object()
                .put("runId", "r1").put("row", 0).put("evaluatorId", "judge").put("score", 0.9).put("passed", true));
        assertThat(((ExperimentRunEvent.EvaluatorResultRecorded) result).statusOrProcessed()).isEqualTo(EvaluatorResultStatus.PROCESSED);
        assertThat(decode("experiment_run", ExperimentRunEvent.Completed.TYPE, 1, Json.object().put("runId", "r1")))
                .isEqualTo(new ExperimentRunEvent.Completed("r1", false));
    }

    @Test
    void simulationEventsStoredBeforeTheirOptionalFieldsRead() {
        ObjectNode finished = Json.object().put("runId", "s1").put("verdict", "SUCCESS").put("reasoning", "met");
        finished.putArray("metCriteria").add("polite");
        finished.putArray("unmetCriteria");
        SimulationEvent.Finished read = (SimulationEvent.Finished) decode("simulation_run", SimulationEvent.Finished.TYPE, 1, finished);
        assertThat(read.error()).isNull();
        assertThat(read.durationMs()).isNull();
        assertThat(read.repeat()).isFalse();
        assertThat(read.metCriteria()).containsExactly("polite");
    }

    @Test
    void aVersionNewerThanTheReaderIsRefusedInEveryPipeline() {
        assertThatThrownBy(() -> decode("trace", SpanRecorded.TYPE, SpanRecorded.VERSION + 1, span()))
                .hasMessage("SpanRecorded version 4 is newer than this reader (3)");
        for (String[] typed : List.of(new String[] {"evaluation", EvaluationEvent.Started.TYPE},
                new String[] {"experiment_run", ExperimentRunEvent.Completed.TYPE},
                new String[] {"simulation_run", SimulationEvent.Deleted.TYPE})) {
            assertThatThrownBy(() -> decode(typed[0], typed[1], 2, Json.object()))
                    .hasMessage(typed[1] + " version 2 is newer than this reader (1)");
        }
    }

    @Test
    void onlyProductPipelinesEventsAreDecoded() {
        assertThat(ProductEvents.decode(new TestEvents("ledger").event("a1", "Posted", 1, Json.object()))).isEmpty();
        assertThat(ProductEvents.decode(new TestEvents("trace").event("t1", "Posted", 1, Json.object()))).isEmpty();
    }

    private static Object decode(String aggregateType, String type, int version, ObjectNode data) {
        Event event = new TestEvents(aggregateType).event("a1", type, version, data);
        return ProductEvents.decode(event).orElseThrow();
    }

    private static ObjectNode span() {
        return Json.object().put("traceId", "t1").put("spanId", "s1").put("name", "chat").put("kind", "SERVER")
                .put("startTimeMs", 1_000).put("endTimeMs", 1_050).put("status", "OK").put("model", "gpt-5")
                .put("inputTokens", 10).put("outputTokens", 5);
    }
}
