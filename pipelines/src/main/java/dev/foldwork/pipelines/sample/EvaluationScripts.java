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
 * Evaluations an evaluator worker runs: scheduled (some as guardrails), started, then mostly
 * completed with the evaluator's cost and duration, sometimes failed or skipped, a few left open.
 * Some results arrive before the start (whose late start is stored but does not reopen them),
 * some are reported twice (the last counts), and a few repeat the start, which is refused.
 */
final class EvaluationScripts {
    private static final List<String> EVALUATORS = List.of("faithfulness", "answer_relevance", "toxicity", "pii_check");
    private static final List<String> TYPES = List.of("langevals/faithfulness", "langevals/answer_relevance",
            "azure/content_safety", "presidio/pii_detection");
    private static final List<String> LABELS = List.of("grounded", "partially_grounded", "relevant", "off_topic", "clean");

    private final Random random;
    private int counter;

    EvaluationScripts(Random random) {
        this.random = random;
    }

    List<SampleCommand> next(TenantId tenant) {
        String id = String.format("eval-%04d", ++counter);
        List<SampleCommand> script = new ArrayList<>();
        int evaluator = random.nextInt(EVALUATORS.size());
        script.add(command(tenant, id, "schedule", Json.object()
                .put("evaluatorId", EVALUATORS.get(evaluator))
                .put("evaluatorType", TYPES.get(evaluator))
                .put("evaluatorName", EVALUATORS.get(evaluator).replace('_', ' '))
                .put("guardrail", evaluator >= 2)
                .put("traceId", Long.toHexString(random.nextLong()))));
        int outcome = random.nextInt(100);
        if (outcome < 8) {
            script.add(command(tenant, id, "skip", Json.object().put("reason", "sampling rate excluded this trace")));
            return script;
        }
        boolean lateStart = random.nextInt(100) < 6;
        if (!lateStart) {
            script.add(command(tenant, id, "start", Json.object()));
        }
        if (outcome < 83) {
            double score = Math.round(random.nextDouble() * 1000) / 1000.0;
            script.add(command(tenant, id, "complete", Json.object()
                    .put("score", score)
                    .put("passed", score >= 0.6)
                    .put("label", LABELS.get(random.nextInt(LABELS.size())))
                    .put("details", "judged by the " + (score >= 0.6 ? "lenient" : "strict") + " rubric")
                    .put("cost", Math.round(random.nextDouble() * 5000) / 1_000_000.0)
                    .put("durationMs", 300 + random.nextInt(5000))));
        } else if (outcome < 93) {
            script.add(command(tenant, id, "fail", Json.object().put("error", "evaluator model returned malformed JSON")
                    .put("durationMs", 30_000)));
        }
        if (outcome < 83 && random.nextInt(100) < 5) {
            script.add(command(tenant, id, "fail", Json.object().put("error", "re-run timed out"))); // the last result counts
        }
        if (lateStart) {
            script.add(command(tenant, id, "start", Json.object())); // stored; a finished evaluation stays finished
        }
        if (outcome < 83 && random.nextInt(100) < 4) {
            script.add(command(tenant, id, "start", Json.object())); // refused: already started
        }
        return script;
    }

    private static SampleCommand command(TenantId tenant, String id, String type, ObjectNode payload) {
        payload.put("evaluationId", id);
        return new SampleCommand(new Command(tenant, EvaluationPipeline.NAME, type, payload), id);
    }
}
