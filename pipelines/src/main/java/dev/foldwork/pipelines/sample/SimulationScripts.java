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
 * Simulated conversations: a user simulator and the agent take turns, a snapshot after each
 * turn, then a judge's verdict; some runs are deleted afterwards, some never finish.
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
        script.add(command(tenant, runId, "start", Json.object()
                .put("scenarioId", "scenario-" + (1 + random.nextInt(8)))
                .put("scenarioSetId", "set-" + (1 + random.nextInt(3)))
                .put("batchRunId", "batch-" + (1 + random.nextInt(20)))
                .put("sdkName", "foldwork-typescript").put("sdkVersion", "0.7.1")));

        List<ObjectNode> conversation = new ArrayList<>();
        conversation.add(message("system", "You are a helpful support agent for an online shop."));
        int turns = 2 + random.nextInt(4);
        for (int turn = 0; turn < turns; turn++) {
            conversation.add(message("user", USER_LINES.get(random.nextInt(USER_LINES.size()))));
            conversation.add(message("assistant", AGENT_LINES.get(random.nextInt(AGENT_LINES.size()))));
            ObjectNode snapshot = Json.object();
            ArrayNode messages = snapshot.putArray("messages");
            conversation.forEach(m -> messages.add(m.deepCopy()));
            script.add(command(tenant, runId, "record_message_snapshot", snapshot));
        }
        if (random.nextInt(100) < 88) {
            int met = random.nextInt(CRITERIA.size() + 1);
            ObjectNode finish = Json.object()
                    .put("verdict", met == CRITERIA.size() ? "success" : random.nextInt(10) == 0 ? "inconclusive" : "failure")
                    .put("reasoning", "the agent met " + met + " of " + CRITERIA.size() + " criteria");
            CRITERIA.subList(0, met).forEach(finish.putArray("metCriteria")::add);
            CRITERIA.subList(met, CRITERIA.size()).forEach(finish.putArray("unmetCriteria")::add);
            script.add(command(tenant, runId, "finish", finish));
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
