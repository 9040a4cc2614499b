package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Completed;
import java.util.List;

/**
 * Command {@code complete}: the run went through its rows. Always stored, even before the start
 * or after another ending: ending a run again only says how it ended, and the fold keeps the last word.
 */
public final class CompleteExperimentRunCommand implements CommandHandler {
    public static final String TYPE = "complete";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.validate();
        return List.of(ExperimentRunEvent.CODEC.draft(runId, new Completed(runId, false)));
    }
}
