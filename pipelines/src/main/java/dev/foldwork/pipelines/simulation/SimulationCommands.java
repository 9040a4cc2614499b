package dev.foldwork.pipelines.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.SdkFields;
import dev.foldwork.pipelines.simulation.SimulationEvents.Cancelled;
import dev.foldwork.pipelines.simulation.SimulationEvents.CostsRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvents.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvents.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import dev.foldwork.pipelines.simulation.SimulationEvents.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvents.Queued;
import dev.foldwork.pipelines.simulation.SimulationEvents.Started;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The simulation commands {@code queue}, {@code start}, {@code record_message_snapshot},
 * {@code finish}, {@code cancel}, {@code record_costs} and {@code delete}. Scenario runners
 * report from several processes, so a valid fact is stored whenever it arrives (a snapshot after
 * the finish, a second finish, a finish before the start) and the {@code simulation_run_state}
 * fold reconciles it. A run queues once and starts once; a deleted run takes no further command.
 * A finish after an earlier one is stored marked as a repeat, which billing does not count again.
 */
public final class SimulationCommands {
    public static final String QUEUE = "queue";
    public static final String START = "start";
    public static final String RECORD_MESSAGE_SNAPSHOT = "record_message_snapshot";
    public static final String FINISH = "finish";
    public static final String CANCEL = "cancel";
    public static final String RECORD_COSTS = "record_costs";
    public static final String DELETE = "delete";

    public static final int MAX_MESSAGES = 500;
    public static final int MAX_CONTENT = 16_384;
    public static final int MAX_REASONING = 8192;
    public static final int MAX_CRITERIA = 50;
    public static final int MAX_CRITERION = 1024;
    public static final int MAX_NAME = 256;
    public static final int MAX_ERROR = 4096;

    private SimulationCommands() {}

    public static List<EventDraft> queue(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        Scenario scenario = Scenario.read(payload);
        payload.validate();
        SimulationRunState run = open(context.history(runId), runId, "queue");
        if (run.queuedAt() != 0) {
            throw new CommandRejectedException("simulation run " + runId + " was already queued");
        }
        return draft(runId, Queued.TYPE, new Queued(runId, scenario.scenarioId(), scenario.scenarioSetId(),
                scenario.batchRunId(), scenario.name()));
    }

    public static List<EventDraft> start(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        Scenario scenario = Scenario.read(payload);
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();
        SimulationRunState run = open(context.history(runId), runId, "start");
        if (run.startedAt() != 0) {
            throw new CommandRejectedException("simulation run " + runId + " was already started");
        }
        return draft(runId, Started.TYPE, new Started(runId, scenario.scenarioId(), scenario.scenarioSetId(),
                scenario.batchRunId(), sdk.sdkName(), sdk.sdkVersion(), scenario.name()));
    }

    public static List<EventDraft> recordMessageSnapshot(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        List<Message> messages = messages(payload);
        payload.validate();
        open(context.history(runId), runId, "take a message snapshot");
        return draft(runId, MessageSnapshotRecorded.TYPE, new MessageSnapshotRecorded(runId, messages));
    }

    public static List<EventDraft> finish(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        SimulationVerdict verdict = payload.requiredEnum("verdict", SimulationVerdict.class, SimulationVerdict.INCONCLUSIVE);
        String reasoning = payload.requiredString("reasoning", MAX_REASONING);
        List<String> met = payload.stringList("metCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        List<String> unmet = payload.stringList("unmetCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        String error = payload.optionalString("error", MAX_ERROR).orElse(null);
        Long durationMs = null;
        if (payload.json().hasNonNull("durationMs")) {
            durationMs = payload.optionalLong("durationMs", 0, 0);
            Limits.atMost(payload, "durationMs", durationMs, Limits.MAX_DURATION_MS);
        }
        payload.validate();
        List<Event> history = context.history(runId);
        open(history, runId, "finish");
        boolean repeat = BillableFacts.alreadyBilled(history, SimulationEvents.BILLED);
        return draft(runId, Finished.TYPE, new Finished(runId, verdict, reasoning, met, unmet, error, durationMs, repeat));
    }

    public static List<EventDraft> cancel(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        String reason = payload.optionalString("reason", MAX_REASONING).orElse(null);
        payload.validate();
        open(context.history(runId), runId, "cancel");
        return draft(runId, Cancelled.TYPE, new Cancelled(runId, reason));
    }

    /** Reads {@code roleCosts}: an object of role name to cost, each cost a number from 0 to the cost limit. */
    public static List<EventDraft> recordCosts(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.check(payload.json().hasNonNull("roleCosts"), "roleCosts", "is required");
        JsonNode node = payload.optionalObject("roleCosts", SimulationRunStateFold.MAX_ROLES);
        TreeMap<String, Double> roleCosts = new TreeMap<>();
        if (node != null) {
            node.fields().forEachRemaining(entry -> {
                String field = "roleCosts." + entry.getKey();
                JsonNode cost = entry.getValue();
                payload.check(entry.getKey().length() <= MAX_NAME, field, "must be a role name of at most " + MAX_NAME + " characters");
                boolean valid = cost.isNumber() && cost.doubleValue() >= 0 && cost.doubleValue() <= Limits.MAX_COST;
                payload.check(valid, field, "must be a number from 0 to " + Limits.MAX_COST);
                roleCosts.put(entry.getKey(), valid ? cost.doubleValue() : 0);
            });
        }
        payload.validate();
        open(context.history(runId), runId, "record costs");
        return draft(runId, CostsRecorded.TYPE, new CostsRecorded(runId, roleCosts));
    }

    public static List<EventDraft> delete(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.validate();
        SimulationRunState run = current(context.history(runId));
        if (run.status() == SimulationStatus.NOT_STARTED || run.deleted()) {
            throw new CommandRejectedException("cannot delete simulation run " + runId + ": it "
                    + (run.deleted() ? "is already deleted" : "was never started"));
        }
        return draft(runId, Deleted.TYPE, new Deleted(runId));
    }

    /** Reads {@code messages}: an array of {@code {role, content}}, naming each bad item's field. */
    private static List<Message> messages(Payload payload) {
        JsonNode node = payload.json().get("messages");
        if (node == null || node.isNull()) {
            payload.check(false, "messages", "is required");
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_MESSAGES) {
            payload.check(false, "messages", "must be an array of at most " + MAX_MESSAGES + " {role, content} objects");
            return List.of();
        }
        List<Message> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String field = "messages[" + i + "]";
            if (!node.get(i).isObject()) {
                payload.check(false, field, "must be an object with role and content");
                continue;
            }
            Payload item = new Payload(node.get(i));
            MessageRole role = item.requiredEnum("role", MessageRole.class, MessageRole.USER);
            String content = item.requiredString("content", MAX_CONTENT);
            for (FieldError error : item.errors()) {
                payload.check(false, field + "." + error.field(), error.reason());
            }
            messages.add(new Message(role, content));
        }
        return messages;
    }

    private static SimulationRunState current(List<Event> history) {
        return AggregateHistory.fold(SimulationPipeline.STATE, history);
    }

    /** The run as stored, refused if it was deleted: a deleted run takes no further command. */
    private static SimulationRunState open(List<Event> history, String runId, String action) {
        SimulationRunState run = current(history);
        if (run.deleted()) {
            throw new CommandRejectedException("cannot " + action + " for simulation run " + runId + ": it is deleted");
        }
        return run;
    }

    /** The scenario a queue or start names, with the run's optional display name. */
    private record Scenario(String scenarioId, String scenarioSetId, String batchRunId, String name) {
        static Scenario read(Payload payload) {
            return new Scenario(payload.requiredId("scenarioId"), payload.requiredId("scenarioSetId"),
                    payload.requiredId("batchRunId"), payload.optionalString("name", MAX_NAME).orElse(null));
        }
    }

    private static List<EventDraft> draft(String runId, String type, Object data) {
        return List.of(EventDraft.of(runId, type, SimulationEvents.VERSION, data));
    }
}
