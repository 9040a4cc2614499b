package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.EvaluatorResultRecorded;
import java.util.List;
import java.util.Locale;

/**
 * Command {@code record_evaluator_result}: how one evaluator judged one row. A processed result
 * holds a score or a pass; a skipped or errored one holds neither. It must name a row and
 * evaluator the run was started with, and each (row, evaluator) is recorded once.
 */
public final class RecordEvaluatorResultCommand implements CommandHandler {
    public static final String TYPE = "record_evaluator_result";
    public static final int MAX_DETAILS = 8192;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        long row = payload.requiredLong("row", 0);
        String evaluatorId = payload.requiredId("evaluatorId");
        EvaluatorResultStatus status = payload.optionalEnum("status", EvaluatorResultStatus.class)
                .orElse(EvaluatorResultStatus.PROCESSED);
        Double score = payload.json().hasNonNull("score") ? payload.requiredDouble("score", 0) : null;
        payload.check(score == null || score <= 1, "score", "must be at most 1, was " + score);
        Boolean passed = payload.json().hasNonNull("passed") ? payload.requiredBoolean("passed") : null;
        if (status == EvaluatorResultStatus.PROCESSED) {
            payload.check(score != null || passed != null, "score", "is required when status is processed and passed is not given");
        } else {
            String why = "must be absent when status is " + status.name().toLowerCase(Locale.ROOT);
            payload.check(score == null, "score", why);
            payload.check(passed == null, "passed", why);
        }
        Double cost = payload.json().hasNonNull("cost") ? payload.optionalDouble("cost", 0, 0) : null;
        Limits.atMost(payload, "cost", cost == null ? 0 : cost, Limits.MAX_COST);
        String details = payload.optionalString("details", MAX_DETAILS).orElse(null);
        payload.validate();

        RunHistory run = RunHistory.of(runId, context.history(runId));
        run.requireNewResult(payload, EvaluatorResultRecorded.TYPE, (int) row, "evaluatorId", evaluatorId,
                run.state().evaluators());
        return List.of(ExperimentRunEvent.CODEC.draft(runId,
                new EvaluatorResultRecorded(runId, (int) row, evaluatorId, score, passed, status, cost, details)));
    }
}
