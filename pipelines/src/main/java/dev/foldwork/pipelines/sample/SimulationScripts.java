package dev.foldwork.pipelines.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated conversations: queued in a batch, then a user simulator and the agent take turns, a
 * snapshot after each turn, then a judge's verdict with the run's duration and cost per role.
 * Some runs are cancelled while queued or running, some end in error, some send their final
 * snapshot after the verdict, some are deleted afterwards, some never finish.
 */
final class SimulationScripts {
    private static final List<String> USER_LINES = List.of(
            "I was charged twice for my subscription this month.",
            "Can you move my booking to Friday afternoon?",
            "The export button does nothing when I click it.",
            "Please cancel my order, it has not shipped yet.");
    private static final List<String> AGENT_LINES = List.of(
            "I am sorry about that. Let me look up your account.",
            "I found the duplicate charge and started a refund.",
            "Friday at 3 pm is free; shall I confirm it?",
            "Could you tell me which browser you are using?");
    private static final List<String> CRITERIA = List.of(
            "agent verifies the customer's identity", "agent resolves the issue", "agent stays polite",
            "agent does not promise what policy forbids");

    private final Random random;
    private int counter;

    SimulationScripts(Random random) {
        this.random = random;
    }

    List<SampleCommand> next(TenantId tenant) {
        String runId = String.format("sim-%04d", ++counter);
        List<SampleCommand> script = new ArrayList<>();
        ObjectNode scenario = Json.object()
                .put("scenarioId", "scenario-" + (1 + random.nextInt(8)))
                .put("scenarioSetId", "set-" + (1 + random.nextInt(3)))
                .put("batchRunId", "batch-" + (1 + random.nextInt(20)))
                .put("name", "support scenario " + counter);
        script.add(command(tenant, runId, "queue", scenario.deepCopy()));
        int ending = random.nextInt(100);
        if (ending < 4) {
            script.add(command(tenant, runId, "cancel", Json.object().put("reason", "batch cancelled before the run started")));
            return script;
        }
        script.add(command(tenant, runId, "start", scenario.put("sdkName", "foldwork-typescript").put("sdkVersion", "0.7.1")));

        List<ObjectNode> conversation = new ArrayList<>();
        conversation.add(message("system", "You are a helpful support agent for an online shop."));
        int turns = 2 + random.nextInt(4);
        List<SampleCommand> snapshots = new ArrayList<>();
        for (int turn = 0; turn < turns; turn++) {
            conversation.add(message("user", USER_LINES.get(random.nextInt(USER_LINES.size()))));
            conversation.add(message("assistant", AGENT_LINES.get(random.nextInt(AGENT_LINES.size()))));
            ObjectNode snapshot = Json.object();
            ArrayNode messages = snapshot.putArray("messages");
            conversation.forEach(m -> messages.add(m.deepCopy()));
            snapshots.add(command(tenant, runId, "record_message_snapshot", snapshot));
        }
        // Some runners flush the final snapshot after the verdict; the fold keeps it either way.
        SampleCommand lateSnapshot = random.nextInt(100) < 15 ? snapshots.remove(snapshots.size() - 1) : null;
        script.addAll(snapshots);
        if (ending < 8) {
            script.add(command(tenant, runId, "cancel", Json.object().put("reason", "user stopped the batch")));
        } else if (ending < 14) {
            script.add(command(tenant, runId, "finish", Json.object().put("verdict", "failure")
                    .put("reasoning", "the run did not complete").put("error", "cannot reach the agent endpoint")));
        } else if (ending < 88) {
            int met = random.nextInt(CRITERIA.size() + 1);
            ObjectNode finish = Json.object()
                    .put("verdict", met == CRITERIA.size() ? "success" : random.nextInt(10) == 0 ? "inconclusive" : "failure")
                    .put("reasoning", "the agent met " + met + " of " + CRITERIA.size() + " criteria")
                    .put("durationMs", 2000 + random.nextInt(20_000));
            CRITERIA.subList(0, met).forEach(finish.putArray("metCriteria")::add);
            CRITERIA.subList(met, CRITERIA.size()).forEach(finish.putArray("unmetCriteria")::add);
            script.add(command(tenant, runId, "finish", finish));
            ObjectNode costs = Json.object();
            costs.putObject("roleCosts")
                    .put("agent", Math.round(random.nextDouble() * 3000) / 1_000_000.0)
                    .put("user_simulator", Math.round(random.nextDouble() * 1000) / 1_000_000.0)
                    .put("judge", Math.round(random.nextDouble() * 500) / 1_000_000.0);
            script.add(command(tenant, runId, "record_costs", costs));
        }
        if (lateSnapshot != null) {
            script.add(lateSnapshot);
        }
        if (random.nextInt(100) < 10) {
            script.add(command(tenant, runId, "delete", Json.object()));
        }
        return script;
    }

    private static ObjectNode message(String role, String content) {
        return Json.object().put("role", role).put("content", content);
    }

    private static SampleCommand command(TenantId tenant, String runId, String type, ObjectNode payload) {
        payload.put("runId", runId);
        return new SampleCommand(new Command(tenant, SimulationPipeline.NAME, type, payload), runId);
    }
}
