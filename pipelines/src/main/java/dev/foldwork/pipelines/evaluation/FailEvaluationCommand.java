package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Failed;
import java.util.List;

/**
 * Command {@code fail}: the evaluator ran and errored. Stored whenever it arrives, like
 * {@code complete}, and marked a repeat when the evaluation already held a completion or failure.
 */
public final class FailEvaluationCommand implements CommandHandler {
    public static final String TYPE = "fail";
    public static final int MAX_ERROR = 4096;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        String error = payload.requiredString("error", MAX_ERROR);
        ReportedUsage usage = ReportedUsage.read(payload);
        payload.validate();

        boolean repeat = BillableFacts.alreadyBilled(context.history(evaluationId), EvaluationEvent.BILLED);
        return List.of(EvaluationEvent.CODEC.draft(evaluationId,
                new Failed(evaluationId, error, usage.cost(), usage.durationMs(), repeat)));
    }
}
