package dev.foldwork.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's run tables show what the evaluation, experiment and simulation folds keep. */
class RunTablesTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private final Foldwork<MemoryDispatcher> es = Foldwork.inMemory(Pipelines.registry(Pipelines.Settings.defaults(), new RecordedTraceUpdates()));

    @AfterEach
    void close() throws InterruptedException {
        es.close();
    }

    private void send(String pipeline, String type, ObjectNode payload) {
        es.service().send(new Command(TENANT, pipeline, type, payload));
    }

    private String printed() throws InterruptedException {
        assertThat(es.dispatcher().awaitIdle(Duration.ofSeconds(30))).as("projections caught up").isTrue();
        ProjectionSnapshot snapshot = ProjectionSnapshot.read(Pipelines.registry(Pipelines.Settings.defaults(),
                new RecordedTraceUpdates()), es.eventStore(), es.foldStore(), es.appendStore(), List.of(TENANT));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new RunTables(snapshot, List.of(TENANT), new PrintStream(bytes, true, StandardCharsets.UTF_8)).print();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** One printed table: from its title line to the blank line after it. */
    private static String table(String printed, String title) {
        int start = printed.startsWith(title) ? 0 : printed.indexOf("\n" + title) + 1;
        assertThat(start).as("a table titled %s in%n%s", title, printed).isNotNegative();
        assertThat(printed.startsWith(title, start)).as("a table titled %s in%n%s", title, printed).isTrue();
        int end = printed.indexOf("\n\n", start);
        return printed.substring(start, end < 0 ? printed.length() : end);
    }

    /** The one printed line that holds {@code text}. */
    private static String line(String printed, String text) {
        List<String> lines = Arrays.stream(printed.split("\n")).filter(l -> l.contains(text)).toList();
        assertThat(lines).as("lines with %s in%n%s", text, printed).hasSize(1);
        return lines.get(0);
    }

    @Test
    void evaluationsShowTheEvaluatorTypeNameGuardrailCostAndDuration() throws InterruptedException {
        send(EvaluationPipeline.NAME, "schedule", Json.object().put("evaluationId", "e1").put("evaluatorId", "faithful")
                .put("evaluatorType", "llm_judge").put("evaluatorName", "faithfulness check").put("guardrail", true));
        send(EvaluationPipeline.NAME, "complete", Json.object().put("evaluationId", "e1").put("score", 0.8)
                .put("passed", true).put("cost", 0.002).put("durationMs", 1_500));
        send(EvaluationPipeline.NAME, "schedule", Json.object().put("evaluationId", "e2").put("evaluatorId", "toxic")
                .put("evaluatorType", "classifier").put("evaluatorName", "toxicity"));
        send(EvaluationPipeline.NAME, "fail", Json.object().put("evaluationId", "e2").put("error", "timed out")
                .put("cost", 0.001).put("durationMs", 30_000));

        String printed = printed();
        assertThat(line(printed, "faithfulness check")).contains("llm_judge", "yes", "0.80", "100%", "$0.0020", "1,500");
        assertThat(line(printed, "toxicity")).contains("classifier", "no", "$0.0010", "30,000");
        assertThat(line(printed, "guardrails")).contains("cost", "mean ms");
        assertThat(line(table(printed, "Evaluations by status"), "acme")).contains("$0.0030", "15,750");
    }

    @Test
    void experimentRunsShowStoppedRunsSkippedAndErroredResultsAndCostPerTarget() throws InterruptedException {
        ObjectNode start = Json.object().put("runId", "r1").put("experimentId", "x1").put("totalRows", 2);
        start.putArray("targets").add("gpt").add("claude");
        start.putArray("evaluators").add("judge").add("latency");
        send(ExperimentRunPipeline.NAME, "start", start);
        send(ExperimentRunPipeline.NAME, "record_target_result", Json.object().put("runId", "r1").put("row", 0)
                .put("targetId", "gpt").put("durationMs", 10).put("cost", 0.003));
        send(ExperimentRunPipeline.NAME, "record_target_result", Json.object().put("runId", "r1").put("row", 0)
                .put("targetId", "claude").put("durationMs", 10).put("cost", 0.005));
        send(ExperimentRunPipeline.NAME, "record_evaluator_result", Json.object().put("runId", "r1").put("row", 0)
                .put("evaluatorId", "judge").put("status", "skipped"));
        send(ExperimentRunPipeline.NAME, "record_evaluator_result", Json.object().put("runId", "r1").put("row", 1)
                .put("evaluatorId", "judge").put("status", "error"));
        send(ExperimentRunPipeline.NAME, "record_evaluator_result", Json.object().put("runId", "r1").put("row", 0)
                .put("evaluatorId", "latency").put("score", 0.5));
        send(ExperimentRunPipeline.NAME, "stop", Json.object().put("runId", "r1"));

        String printed = printed();
        assertThat(line(printed, "Experiment runs")).contains("1 runs: 1 stopped");
        assertThat(line(printed, "x1")).contains("stopped", "claude $0.0050, gpt $0.0030",
                "judge - / - (1, 1), latency 0.50 / - (0, 0)");
    }

    @Test
    void simulationsShowQueuedCancelledAndFailedRunsDurationVerdictAndCostPerRole() throws InterruptedException {
        for (String run : List.of("waiting", "stopped", "broken", "judged")) {
            send(SimulationPipeline.NAME, "queue", Json.object().put("runId", run).put("scenarioId", "refund")
                    .put("scenarioSetId", "support").put("batchRunId", "b1").put("name", "refund " + run));
        }
        send(SimulationPipeline.NAME, "cancel", Json.object().put("runId", "stopped").put("reason", "user stopped"));
        send(SimulationPipeline.NAME, "finish", Json.object().put("runId", "broken").put("verdict", "failure")
                .put("reasoning", "did not run").put("error", "agent unreachable"));
        send(SimulationPipeline.NAME, "finish", Json.object().put("runId", "judged").put("verdict", "success")
                .put("reasoning", "refund offered").put("durationMs", 4_200));
        ObjectNode costs = Json.object().put("runId", "judged");
        costs.putObject("roleCosts").put("agent", 0.01).put("judge", 0.002);
        send(SimulationPipeline.NAME, "record_costs", costs);

        String printed = printed();
        assertThat(line(printed, "refund waiting")).contains("queued");
        assertThat(line(printed, "refund stopped")).contains("finished", "cancelled", "user stopped");
        assertThat(line(printed, "refund broken")).contains("error", "failure", "agent unreachable");
        assertThat(line(printed, "refund judged")).contains("success", "4,200", "$0.0120", "agent $0.0100, judge $0.0020");
        assertThat(line(table(printed, "Simulations ("), "acme")).contains("agent $0.0100, judge $0.0020", "4,200");
    }
}
