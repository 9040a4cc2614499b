package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.simulation.SimulationEvent.Finished;
import java.util.List;

/**
 * Command {@code finish}: the judge's verdict on the conversation. Stored whenever it arrives (a
 * second finish, a finish before the start); one after an earlier finish is marked a repeat,
 * which billing does not count again, and the fold keeps the first reported outcome.
 */
public final class FinishSimulationCommand implements CommandHandler {
    public static final String TYPE = "finish";
    public static final int MAX_REASONING = 8192;
    public static final int MAX_CRITERIA = 50;
    public static final int MAX_CRITERION = 1024;
    public static final int MAX_ERROR = 4096;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        SimulationVerdict verdict = payload.requiredEnum("verdict", SimulationVerdict.class, SimulationVerdict.INCONCLUSIVE);
        String reasoning = payload.requiredString("reasoning", MAX_REASONING);
        List<String> met = payload.stringList("metCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        List<String> unmet = payload.stringList("unmetCriteria", MAX_CRITERIA, MAX_CRITERION, false);
        String error = payload.optionalString("error", MAX_ERROR).orElse(null);
        Long durationMs = null;
        if (payload.json().hasNonNull("durationMs")) {
            durationMs = payload.optionalLong("durationMs", 0, 0);
            Limits.atMost(payload, "durationMs", durationMs, Limits.MAX_DURATION_MS);
        }
        payload.validate();
        List<Event> history = context.history(runId);
        RunHistory.open(history, runId, "finish");
        boolean repeat = BillableFacts.alreadyBilled(history, SimulationEvent.BILLED);
        return List.of(SimulationEvent.CODEC.draft(runId,
                new Finished(runId, verdict, reasoning, met, unmet, error, durationMs, repeat)));
    }
}
