package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.simulation.SimulationEvent.Queued;
import java.util.List;

/** Command {@code queue}: a run of a scenario is waiting for a runner. A run queues once. */
public final class QueueSimulationCommand implements CommandHandler {
    public static final String TYPE = "queue";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        Scenario scenario = Scenario.read(payload);
        payload.validate();
        SimulationRunState run = RunHistory.open(context.history(runId), runId, "queue");
        if (run.queuedAt() != 0) {
            throw new CommandRejectedException("simulation run " + runId + " was already queued");
        }
        return List.of(SimulationEvent.CODEC.draft(runId, new Queued(runId, scenario.scenarioId(),
                scenario.scenarioSetId(), scenario.batchRunId(), scenario.name())));
    }
}
