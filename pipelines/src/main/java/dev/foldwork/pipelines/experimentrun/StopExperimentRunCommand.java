package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Completed;
import java.util.List;

/**
 * Command {@code stop}: the run was ended before its rows were done. Stored as a completion that
 * says it stopped, and always stored, as {@link CompleteExperimentRunCommand} is.
 */
public final class StopExperimentRunCommand implements CommandHandler {
    public static final String TYPE = "stop";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.validate();
        return List.of(ExperimentRunEvent.CODEC.draft(runId, new Completed(runId, true)));
    }
}
