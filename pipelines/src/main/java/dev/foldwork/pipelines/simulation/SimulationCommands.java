package dev.foldwork.pipelines.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.SdkFields;
import dev.foldwork.pipelines.simulation.SimulationEvents.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvents.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvents.Message;
import dev.foldwork.pipelines.simulation.SimulationEvents.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvents.Started;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulation commands {@code start}, {@code record_message_snapshot}, {@code finish} and
 * {@code delete}. Snapshots and the verdict need a running run that was not deleted; a deleted
 * run takes no further command.
 */
public final class SimulationCommands {
    public static final String START = "start";
    public static final String RECORD_MESSAGE_SNAPSHOT = "record_message_snapshot";
    public static final String FINISH = "finish";
    public static final String DELETE = "delete";

    public static final int MAX_MESSAGES = 500;
    public static final int MAX_CONTENT = 16_384;
    public static final int MAX_REASONING = 8192;
    public static final int MAX_CRITERIA = 50;
    public static final int MAX_CRITERION = 1024;

    private SimulationCommands() {}

    public static List<EventDraft> start(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        String scenarioId = payload.requiredId("scenarioId");
        String scenarioSetId = payload.requiredId("scenarioSetId");
        String batchRunId = payload.requiredId("batchRunId");
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();
        if (current(context, runId).status() != SimulationStatus.NOT_STARTED) {
            throw new CommandRejectedException("simulation run " + runId + " was already started");
        }
        return draft(runId, Started.TYPE, new Started(runId, scenarioId, scenarioSetId, batchRunId,
                sdk.sdkName(), sdk.sdkVersion()));
    }

    public static List<EventDraft> recordMessageSnapshot(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        List<Message> messages = messages(payload);
        payload.validate();
        requireRunning(current(context, runId), runId, "take a message snapshot");
        return draft(runId, MessageSnapshotRecorded.TYPE, new MessageSnapshotRecorded(runId, messages));
    }

    public static List<EventDraft> finish(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        SimulationVerdict verdict = payload.requiredEnum("verdict", SimulationVerdict.class, SimulationVerdict.INCONCLUSIVE);
        String reasoning = payload.requiredString("reasoning", MAX_REASONING);
        List<String> met = payload.stringList("metCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        List<String> unmet = payload.stringList("unmetCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        payload.validate();
        requireRunning(current(context, runId), runId, "finish");
        return draft(runId, Finished.TYPE, new Finished(runId, verdict, reasoning, met, unmet));
    }

    public static List<EventDraft> delete(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.validate();
        SimulationRunState run = current(context, runId);
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

    private static SimulationRunState current(CommandContext context, String runId) {
        return AggregateHistory.fold(SimulationPipeline.STATE, context.history(runId));
    }

    private static void requireRunning(SimulationRunState run, String runId, String action) {
        if (run.deleted() || run.status() != SimulationStatus.RUNNING) {
            String state = run.deleted() ? "deleted" : run.status().name().toLowerCase(Locale.ROOT);
            throw new CommandRejectedException("cannot " + action + " for simulation run " + runId + ": it is " + state);
        }
    }

    private static List<EventDraft> draft(String runId, String type, Object data) {
        return List.of(EventDraft.of(runId, type, SimulationEvents.VERSION, data));
    }
}
