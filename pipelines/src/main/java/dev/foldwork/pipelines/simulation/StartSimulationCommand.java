package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.SdkFields;
import dev.foldwork.pipelines.simulation.SimulationEvent.Started;
import java.util.List;

/**
 * Command {@code start}: a runner began the conversation, queued or not. A run starts once; a
 * start after the finish is stored and only fills in what the run did not know.
 */
public final class StartSimulationCommand implements CommandHandler {
    public static final String TYPE = "start";

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        Scenario scenario = Scenario.read(payload);
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();
        SimulationRunState run = RunHistory.open(context.history(runId), runId, "start");
        if (run.startedAt() != 0) {
            throw new CommandRejectedException("simulation run " + runId + " was already started");
        }
        return List.of(SimulationEvent.CODEC.draft(runId, new Started(runId, scenario.scenarioId(),
                scenario.scenarioSetId(), scenario.batchRunId(), sdk.sdkName(), sdk.sdkVersion(), scenario.name())));
    }
}
