package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Evaluations an evaluator worker runs: scheduled, started, then mostly completed, sometimes
 * failed or skipped, a few left open. A few scripts repeat a finished step, which the
 * evaluation refuses as an impossible transition.
 */
final class EvaluationScripts {
    private static final List<String> EVALUATORS = List.of("faithfulness", "answer_relevance", "toxicity", "pii_check");
    private static final List<String> LABELS = List.of("grounded", "partially_grounded", "relevant", "off_topic", "clean");

    private final Random random;
    private int counter;

    EvaluationScripts(Random random) {
        this.random = random;
    }

    List<SampleCommand> next(TenantId tenant) {
        String id = String.format("eval-%04d", ++counter);
        List<SampleCommand> script = new ArrayList<>();
        script.add(command(tenant, id, "schedule", Json.object()
                .put("evaluatorId", EVALUATORS.get(random.nextInt(EVALUATORS.size())))
                .put("traceId", Long.toHexString(random.nextLong()))));
        int outcome = random.nextInt(100);
        if (outcome < 8) {
            script.add(command(tenant, id, "skip", Json.object().put("reason", "sampling rate excluded this trace")));
            return script;
        }
        script.add(command(tenant, id, "start", Json.object()));
        if (outcome < 83) {
            double score = Math.round(random.nextDouble() * 1000) / 1000.0;
            script.add(command(tenant, id, "complete", Json.object()
                    .put("score", score)
                    .put("passed", score >= 0.6)
                    .put("label", LABELS.get(random.nextInt(LABELS.size())))
                    .put("details", "judged by the " + (score >= 0.6 ? "lenient" : "strict") + " rubric")));
        } else if (outcome < 93) {
            script.add(command(tenant, id, "fail", Json.object().put("error", "evaluator model returned malformed JSON")));
        }
        if (outcome < 83 && random.nextInt(100) < 4) {
            script.add(command(tenant, id, "start", Json.object())); // refused: already processed
        }
        return script;
    }

    private static SampleCommand command(TenantId tenant, String id, String type, ObjectNode payload) {
        payload.put("evaluationId", id);
        return new SampleCommand(new Command(tenant, EvaluationPipeline.NAME, type, payload), id);
    }
}
