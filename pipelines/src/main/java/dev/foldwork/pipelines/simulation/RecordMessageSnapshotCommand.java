package dev.foldwork.pipelines.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.simulation.SimulationEvent.Message;
import dev.foldwork.pipelines.simulation.SimulationEvent.MessageSnapshotRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * Command {@code record_message_snapshot}: the conversation so far, whole. Snapshots arrive in
 * any order, also after the finish; the fold keeps the longest.
 */
public final class RecordMessageSnapshotCommand implements CommandHandler {
    public static final String TYPE = "record_message_snapshot";
    public static final int MAX_MESSAGES = 500;
    public static final int MAX_CONTENT = 16_384;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        List<Message> messages = messages(payload);
        payload.validate();
        RunHistory.open(context.history(runId), runId, "take a message snapshot");
        return List.of(SimulationEvent.CODEC.draft(runId, new MessageSnapshotRecorded(runId, messages)));
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
}
