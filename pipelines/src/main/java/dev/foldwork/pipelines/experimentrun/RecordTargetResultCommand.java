package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.TargetResultRecorded;
import java.util.List;

/**
 * Command {@code record_target_result}: what one target answered for one row. It must name a row
 * and target the run was started with, and each (row, target) is recorded once; a result after
 * the run's completion is stored and counted.
 */
public final class RecordTargetResultCommand implements CommandHandler {
    public static final String TYPE = "record_target_result";
    public static final int MAX_OUTPUT = 16_384;
    public static final int MAX_ERROR = 4096;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        long row = payload.requiredLong("row", 0);
        String targetId = payload.requiredId("targetId");
        String output = payload.optionalString("output", MAX_OUTPUT).orElse(null);
        double cost = payload.optionalDouble("cost", 0, 0);
        long durationMs = payload.requiredLong("durationMs", 0);
        Limits.atMost(payload, "cost", cost, Limits.MAX_COST);
        Limits.atMost(payload, "durationMs", durationMs, Limits.MAX_DURATION_MS);
        String error = payload.optionalString("error", MAX_ERROR).orElse(null);
        payload.validate();

        RunHistory run = RunHistory.of(runId, context.history(runId));
        run.requireNewResult(payload, TargetResultRecorded.TYPE, (int) row, "targetId", targetId, run.state().targets());
        return List.of(ExperimentRunEvent.CODEC.draft(runId,
                new TargetResultRecorded(runId, (int) row, targetId, output, cost, durationMs, error)));
    }
}
