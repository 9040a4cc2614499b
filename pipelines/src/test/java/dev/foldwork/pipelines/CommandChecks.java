package dev.foldwork.pipelines;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import java.util.List;

/** Runs a command handler as the service does (validate, decide, validate) and reads its refusal. */
public final class CommandChecks {
    private CommandChecks() {}

    public static List<EventDraft> decide(CommandHandler handler, JsonNode payload, List<Event> history) {
        Payload read = new Payload(payload);
        read.validate();
        CommandContext context = TestEvents.context(history);
        List<EventDraft> drafts = handler.handle(read, context);
        read.validate();
        return drafts;
    }

    public static List<EventDraft> decide(CommandHandler handler, JsonNode payload) {
        return decide(handler, payload, List.of());
    }

    /** The field errors of a payload the handler must refuse. */
    public static List<FieldError> fieldErrors(CommandHandler handler, JsonNode payload, List<Event> history) {
        CommandValidationException[] thrown = new CommandValidationException[1];
        assertThatThrownBy(() -> decide(handler, payload, history))
                .isInstanceOfSatisfying(CommandValidationException.class, e -> thrown[0] = e);
        return thrown[0].errors();
    }

    public static List<FieldError> fieldErrors(CommandHandler handler, JsonNode payload) {
        return fieldErrors(handler, payload, List.of());
    }
}
