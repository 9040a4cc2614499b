package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.AggregateHistory;
import java.util.List;

/** A simulation run as its stored events say, for the commands that decide on it. */
final class RunHistory {
    private RunHistory() {}

    static SimulationRunState current(List<Event> history) {
        return AggregateHistory.fold(SimulationPipeline.STATE, history);
    }

    /** The run as stored, refused if it was deleted: a deleted run takes no further command. */
    static SimulationRunState open(List<Event> history, String runId, String action) {
        SimulationRunState run = current(history);
        if (run.deleted()) {
            throw new CommandRejectedException("cannot " + action + " for simulation run " + runId + ": it is deleted");
        }
        return run;
    }
}
