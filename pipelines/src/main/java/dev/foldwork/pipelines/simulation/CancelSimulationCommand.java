package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.simulation.SimulationEvent.Cancelled;
import java.util.List;

/**
 * Command {@code cancel}: the run was called off, with an optional reason. Stored whenever it
 * arrives; a cancel outranks an earlier reported outcome ({@link SimulationOutcome#supersedes}).
 */
public final class CancelSimulationCommand implements CommandHandler {
    public static final String TYPE = "cancel";
    public static final int MAX_REASON = FinishSimulationCommand.MAX_REASONING;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        String reason = payload.optionalString("reason", MAX_REASON).orElse(null);
        payload.validate();
        RunHistory.open(context.history(runId), runId, "cancel");
        return List.of(SimulationEvent.CODEC.draft(runId, new Cancelled(runId, reason)));
    }
}
