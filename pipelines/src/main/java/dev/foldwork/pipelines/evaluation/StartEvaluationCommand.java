package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Started;
import java.util.List;

/**
 * Command {@code start}: the worker picked the evaluation up. An evaluation starts once, so a
 * second start is refused; a start after the result is stored, and the {@code evaluation_run}
 * fold keeps the finished status.
 */
public final class StartEvaluationCommand implements CommandHandler {
    public static final String TYPE = "start";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        payload.validate();

        if (AggregateHistory.fold(EvaluationPipeline.RUN, context.history(evaluationId)).startedAt() != 0) {
            throw new CommandRejectedException("cannot " + TYPE + " evaluation " + evaluationId + ": it was already started");
        }
        return List.of(EvaluationEvent.CODEC.draft(evaluationId, new Started(evaluationId)));
    }
}
