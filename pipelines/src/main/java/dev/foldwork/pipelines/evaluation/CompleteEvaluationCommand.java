package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Completed;
import java.util.List;

/**
 * Command {@code complete}: the evaluator's score and verdict. Workers report from queues that
 * retry and reorder, so a valid result is stored whenever it arrives (before the start, after
 * another result) and the last one stored is the evaluation's; one that follows an earlier
 * completion or failure is marked a repeat, which billing does not count again.
 */
public final class CompleteEvaluationCommand implements CommandHandler {
    public static final String TYPE = "complete";
    public static final int MAX_LABEL = 256;
    public static final int MAX_DETAILS = 8192;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        double score = payload.requiredDouble("score", 0);
        payload.check(score <= 1, "score", "must be at most 1, was " + score);
        boolean passed = payload.requiredBoolean("passed");
        String label = payload.optionalString("label", MAX_LABEL).orElse(null);
        String details = payload.optionalString("details", MAX_DETAILS).orElse(null);
        ReportedUsage usage = ReportedUsage.read(payload);
        payload.validate();

        boolean repeat = BillableFacts.alreadyBilled(context.history(evaluationId), EvaluationEvent.BILLED);
        return List.of(EvaluationEvent.CODEC.draft(evaluationId,
                new Completed(evaluationId, score, passed, label, details, usage.cost(), usage.durationMs(), repeat)));
    }
}
