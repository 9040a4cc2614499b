package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Experiment runs as the SDK drives them: start with a dataset size, targets and evaluators;
 * each row's target outputs, then each row's evaluator verdicts (some skipped or errored, the
 * latency budget score-only, the judge with its cost); most runs complete, some are stopped,
 * and a parallel worker's last result sometimes lands after the completion.
 */
final class ExperimentRunScripts {
    private static final List<String> TARGETS = List.of("prompt-v1", "prompt-v2", "prompt-v3-cot", "agent-baseline");
    private static final List<String> EVALUATORS = List.of("exact_match", "llm_judge", "latency_budget");

    private final Random random;
    private int counter;

    ExperimentRunScripts(Random random) {
        this.random = random;
    }

    List<SampleCommand> next(TenantId tenant) {
        String runId = String.format("run-%04d", ++counter);
        int rows = 5 + random.nextInt(26);
        List<String> targets = pick(TARGETS, 1 + random.nextInt(3));
        List<String> evaluators = pick(EVALUATORS, 1 + random.nextInt(3));

        List<SampleCommand> script = new ArrayList<>();
        ObjectNode start = Json.object().put("experimentId", "exp-" + (1 + random.nextInt(12))).put("totalRows", rows)
                .put("sdkName", "foldwork-python").put("sdkVersion", "1.0.0");
        targets.forEach(start.putArray("targets")::add);
        evaluators.forEach(start.putArray("evaluators")::add);
        script.add(command(tenant, runId, "start", start));
        boolean finishes = random.nextInt(100) < 80;
        int lastRow = finishes ? rows : random.nextInt(rows);
        for (int row = 0; row < lastRow; row++) {
            for (String target : targets) {
                ObjectNode result = Json.object().put("row", row).put("targetId", target)
                        .put("output", "answer " + row + " from " + target)
                        .put("cost", Math.round(random.nextDouble() * 2000) / 1_000_000.0)
                        .put("durationMs", 200 + random.nextInt(4000));
                if (random.nextInt(100) < 3) {
                    result.put("error", "target timed out");
                }
                script.add(command(tenant, runId, "record_target_result", result));
            }
            for (String evaluator : evaluators) {
                script.add(command(tenant, runId, "record_evaluator_result", evaluatorResult(row, evaluator)));
            }
        }
        if (finishes) {
            boolean stopped = random.nextInt(100) < 10;
            // A parallel worker's verdict on the last row lands after the completion, and is still counted.
            SampleCommand straggler = !stopped && random.nextInt(100) < 15 ? script.remove(script.size() - evaluators.size()) : null;
            script.add(command(tenant, runId, stopped ? "stop" : "complete", Json.object()));
            if (straggler != null) {
                script.add(straggler);
            }
        }
        return script;
    }

    private ObjectNode evaluatorResult(int row, String evaluator) {
        ObjectNode result = Json.object().put("row", row).put("evaluatorId", evaluator);
        int roll = random.nextInt(100);
        if (roll < 4) {
            return result.put("status", "skipped").put("details", "no expected output for this row");
        }
        if (roll < 7) {
            return result.put("status", "error").put("details", "judge model timed out");
        }
        double score = Math.round(random.nextDouble() * 100) / 100.0;
        result.put("score", score);
        if (!evaluator.equals("latency_budget")) {
            result.put("passed", score >= 0.5);
        }
        if (evaluator.equals("llm_judge")) {
            result.put("cost", Math.round(random.nextDouble() * 800) / 1_000_000.0);
        }
        return result;
    }

    private List<String> pick(List<String> from, int count) {
        List<String> pool = new ArrayList<>(from);
        List<String> picked = new ArrayList<>(count);
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            picked.add(pool.remove(random.nextInt(pool.size())));
        }
        return picked;
    }

    private static SampleCommand command(TenantId tenant, String runId, String type, ObjectNode payload) {
        payload.put("runId", runId);
        return new SampleCommand(new Command(tenant, ExperimentRunPipeline.NAME, type, payload), runId);
    }
}
