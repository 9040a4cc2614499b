package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Skipped;
import java.util.List;

/**
 * Command {@code skip}: the evaluation will not run, and why. Stored whenever it arrives, like
 * any result; a skip is not billed, so it reads no history.
 */
public final class SkipEvaluationCommand implements CommandHandler {
    public static final String TYPE = "skip";
    public static final int MAX_REASON = 1024;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        String reason = payload.requiredString("reason", MAX_REASON);
        payload.validate();
        return List.of(EvaluationEvent.CODEC.draft(evaluationId, new Skipped(evaluationId, reason)));
    }
}
