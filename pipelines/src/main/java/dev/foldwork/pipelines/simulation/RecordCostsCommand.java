package dev.foldwork.pipelines.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.simulation.SimulationEvent.CostsRecorded;
import java.util.List;
import java.util.TreeMap;

/**
 * Command {@code record_costs}: what the whole run cost per role, replacing any earlier
 * measurement. Reads {@code roleCosts}: an object of role name to cost, each cost a number from 0
 * to the cost limit.
 */
public final class RecordCostsCommand implements CommandHandler {
    public static final String TYPE = "record_costs";
    public static final int MAX_ROLE_NAME = 256;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.check(payload.json().hasNonNull("roleCosts"), "roleCosts", "is required");
        JsonNode node = payload.optionalObject("roleCosts", SimulationRunStateFold.MAX_ROLES);
        TreeMap<String, Double> roleCosts = new TreeMap<>();
        if (node != null) {
            node.fields().forEachRemaining(entry -> {
                String field = "roleCosts." + entry.getKey();
                JsonNode cost = entry.getValue();
                payload.check(entry.getKey().length() <= MAX_ROLE_NAME, field,
                        "must be a role name of at most " + MAX_ROLE_NAME + " characters");
                boolean valid = cost.isNumber() && cost.doubleValue() >= 0 && cost.doubleValue() <= Limits.MAX_COST;
                payload.check(valid, field, "must be a number from 0 to " + Limits.MAX_COST);
                roleCosts.put(entry.getKey(), valid ? cost.doubleValue() : 0);
            });
        }
        payload.validate();
        RunHistory.open(context.history(runId), runId, "record costs");
        return List.of(SimulationEvent.CODEC.draft(runId, new CostsRecorded(runId, roleCosts)));
    }
}
