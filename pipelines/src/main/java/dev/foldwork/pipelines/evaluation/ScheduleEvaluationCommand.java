package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Scheduled;
import java.util.List;

/**
 * Command {@code schedule}. Idempotent per evaluation id: scheduling an evaluation that exists
 * with the same evaluator stores nothing, so triggers may repeat safely; a different evaluator
 * under the same id is refused.
 */
public final class ScheduleEvaluationCommand implements CommandHandler {
    public static final String TYPE = "schedule";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        String evaluatorId = payload.requiredId("evaluatorId");
        String traceId = payload.optionalId("traceId").orElse(null);
        payload.validate();

        EvaluationRun run = AggregateHistory.fold(EvaluationPipeline.RUN, context.history(evaluationId));
        if (run.status() != EvaluationStatus.UNSCHEDULED) {
            if (!evaluatorId.equals(run.evaluatorId())) {
                throw new CommandRejectedException("evaluation " + evaluationId + " is already scheduled with evaluator "
                        + run.evaluatorId() + ", not " + evaluatorId);
            }
            return List.of();
        }
        return List.of(EventDraft.of(evaluationId, Scheduled.TYPE, EvaluationEvents.VERSION,
                new Scheduled(evaluationId, evaluatorId, traceId)));
    }
}
