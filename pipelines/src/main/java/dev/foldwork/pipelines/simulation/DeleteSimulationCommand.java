package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.simulation.SimulationEvent.Deleted;
import java.util.List;

/** Command {@code delete}: hides a run that was queued or started; after it the run takes no command. */
public final class DeleteSimulationCommand implements CommandHandler {
    public static final String TYPE = "delete";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        payload.validate();
        SimulationRunState run = RunHistory.current(context.history(runId));
        if (run.status() == SimulationStatus.NOT_STARTED || run.deleted()) {
            throw new CommandRejectedException("cannot delete simulation run " + runId + ": it "
                    + (run.deleted() ? "is already deleted" : "was never started"));
        }
        return List.of(SimulationEvent.CODEC.draft(runId, new Deleted(runId)));
    }
}
