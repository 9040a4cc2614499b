package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.TargetResultRecorded;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run as its stored events say: the folded state, and which results it already holds. The
 * commands that record a result decide on it; the others need only the state or nothing.
 */
record RunHistory(String runId, ExperimentRunState state, Set<String> recorded) {
    static RunHistory of(String runId, List<Event> history) {
        ExperimentRunState state = AggregateHistory.fold(ExperimentRunPipeline.STATE, history);
        Set<String> recorded = new HashSet<>();
        for (Event event : history) {
            ExperimentRunEvent typed = ExperimentRunEvent.CODEC.decode(event).orElse(null);
            if (typed instanceof TargetResultRecorded e) {
                recorded.add(key(TargetResultRecorded.TYPE, e.row(), e.targetId()));
            } else if (typed instanceof EvaluatorResultRecorded e) {
                recorded.add(key(EvaluatorResultRecorded.TYPE, e.row(), e.evaluatorId()));
            }
        }
        return new RunHistory(runId, state, recorded);
    }

    /**
     * A result must belong to a started run (ended or not), name one of its rows and one of
     * its targets or evaluators ({@code field}), and not be recorded yet.
     */
    void requireNewResult(Payload payload, String type, int row, String field, String id, List<String> known) {
        if (!state.wasStarted()) {
            throw new CommandRejectedException("experiment run " + runId
                    + " was never started; a result needs the run's rows, targets and evaluators");
        }
        payload.check(row < state.totalRows(), "row", "must be below the run's totalRows " + state.totalRows() + ", was " + row);
        payload.check(known.contains(id), field, "is not one of run " + runId + "'s " + known);
        payload.validate();
        if (recorded.contains(key(type, row, id))) {
            throw new CommandRejectedException("row " + row + " of " + id + " in run " + runId + " is already recorded");
        }
    }

    private static String key(String type, int row, String id) {
        return type + "/" + row + "/" + id;
    }
}
