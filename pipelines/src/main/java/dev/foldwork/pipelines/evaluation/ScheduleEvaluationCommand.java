package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.evaluation.EvaluationEvent.Scheduled;
import java.util.List;

/**
 * Command {@code schedule}. Idempotent per evaluation id: scheduling an evaluation that was
 * scheduled with the same evaluator stores nothing, so triggers may repeat safely; a different
 * evaluator under the same id is refused. A schedule that arrives after the worker already
 * reported is stored: it names the evaluator, and the fold keeps the later status.
 */
public final class ScheduleEvaluationCommand implements CommandHandler {
    public static final String TYPE = "schedule";
    public static final int MAX_EVALUATOR_TYPE = 256;
    public static final int MAX_EVALUATOR_NAME = 256;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        String evaluatorId = payload.requiredId("evaluatorId");
        String traceId = payload.optionalId("traceId").orElse(null);
        String evaluatorType = payload.optionalString("evaluatorType", MAX_EVALUATOR_TYPE).orElse(null);
        String evaluatorName = payload.optionalString("evaluatorName", MAX_EVALUATOR_NAME).orElse(null);
        boolean guardrail = payload.json().hasNonNull("guardrail") && payload.requiredBoolean("guardrail");
        payload.validate();

        EvaluationRun run = AggregateHistory.fold(EvaluationPipeline.RUN, context.history(evaluationId));
        if (run.evaluatorId() != null) {
            if (!evaluatorId.equals(run.evaluatorId())) {
                throw new CommandRejectedException("evaluation " + evaluationId + " is already scheduled with evaluator "
                        + run.evaluatorId() + ", not " + evaluatorId);
            }
            return List.of();
        }
        return List.of(EvaluationEvent.CODEC.draft(evaluationId,
                new Scheduled(evaluationId, evaluatorId, traceId, evaluatorType, evaluatorName, guardrail)));
    }
}
