package dev.foldwork.pipelines.trace;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import java.util.List;

/**
 * Command {@code rename_trace}: {@code {"traceId": "...", "name": "..."}}. The latest rename
 * wins over the name the spans give, whenever spans arrive. Like spans, it needs no history: a
 * trace may be named before its spans are in.
 */
public final class RenameTraceCommand implements CommandHandler {
    public static final String TYPE = "rename_trace";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String traceId = payload.requiredId("traceId");
        payload.check(traceId.length() <= RecordSpanCommand.MAX_TRACE_ID, "traceId",
                "must be at most " + RecordSpanCommand.MAX_TRACE_ID + " characters");
        String name = payload.requiredString("name", RecordSpanCommand.MAX_NAME);
        // Only a name that passed the type and length checks can still be blank: one error per fault.
        boolean wellFormed = payload.json().path("name").isTextual() && payload.json().path("name").textValue().length() <= RecordSpanCommand.MAX_NAME;
        payload.check(!wellFormed || !name.isBlank(), "name", "must not be blank");
        payload.validate();
        return List.of(TraceEvent.CODEC.draft(traceId, new TraceRenamed(traceId, name.strip())));
    }
}
