package dev.foldwork.pipelines.experimentrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.SdkFields;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Completed;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.EvaluatorResultRecorded;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.Started;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvents.TargetResultRecorded;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The experiment-run commands {@code start}, {@code record_target_result},
 * {@code record_evaluator_result}, {@code complete} and {@code stop}. Results must name a row,
 * target and evaluator the run was started with, and each (row, target) or (row, evaluator) is
 * recorded once. SDKs send from parallel workers, so a valid fact is stored whenever it arrives:
 * results after the completion, a second completion or stop, a completion before the start;
 * the {@code experiment_run_state} fold reconciles them.
 */
public final class ExperimentRunCommands {
    public static final String START = "start";
    public static final String RECORD_TARGET_RESULT = "record_target_result";
    public static final String RECORD_EVALUATOR_RESULT = "record_evaluator_result";
    public static final String COMPLETE = "complete";
    public static final String STOP = "stop";

    public static final int MAX_ROWS = 100_000;
    public static final int MAX_TARGETS = 20;
    public static final int MAX_EVALUATORS = 20;
    public static final int MAX_OUTPUT = 16_384;
    public static final int MAX_ERROR = 4096;
    public static final int MAX_DETAILS = 8192;

    private ExperimentRunCommands() {}

    public static List<EventDraft> start(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        String experimentId = payload.requiredId("experimentId");
        long totalRows = payload.requiredLong("totalRows", 1);
        payload.check(totalRows <= MAX_ROWS, "totalRows", "must be at most " + MAX_ROWS + ", was " + totalRows);
        List<String> targets = ids(payload, "targets", MAX_TARGETS, true);
        List<String> evaluators = ids(payload, "evaluators", MAX_EVALUATORS, false);
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();

        RunHistory run = RunHistory.of(runId, context.history(runId));
        if (run.state().wasStarted()) {
            throw new CommandRejectedException("experiment run " + runId + " was already started");
        }
        return draft(runId, Started.TYPE, new Started(runId, experimentId, (int) totalRows, targets, evaluators,
                sdk.sdkName(), sdk.sdkVersion()));
    }

    public static List<EventDraft> recordTargetResult(Payload payload, CommandContext context) {
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
        return draft(runId, TargetResultRecorded.TYPE,
                new TargetResultRecorded(runId, (int) row, targetId, output, cost, durationMs, error));
    }

    public static List<EventDraft> recordEvaluatorResult(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        long row = payload.requiredLong("row", 0);
        String evaluatorId = payload.requiredId("evaluatorId");
        EvaluatorResultStatus status = payload.optionalEnum("status", EvaluatorResultStatus.class)
                .orElse(EvaluatorResultStatus.PROCESSED);
        Double score = payload.json().hasNonNull("score") ? payload.requiredDouble("score", 0) : null;
        payload.check(score == null || score <= 1, "score", "must be at most 1, was " + score);
        Boolean passed = payload.json().hasNonNull("passed") ? payload.requiredBoolean("passed") : null;
        if (status == EvaluatorResultStatus.PROCESSED) {
            payload.check(score != null || passed != null, "score", "is required when status is processed and passed is not given");
        } else {
            String why = "must be absent when status is " + status.name().toLowerCase(Locale.ROOT);
            payload.check(score == null, "score", why);
            payload.check(passed == null, "passed", why);
        }
        Double cost = payload.json().hasNonNull("cost") ? payload.optionalDouble("cost", 0, 0) : null;
        Limits.atMost(payload, "cost", cost == null ? 0 : cost, Limits.MAX_COST);
        String details = payload.optionalString("details", MAX_DETAILS).orElse(null);
        payload.validate();

        RunHistory run = RunHistory.of(runId, context.history(runId));
        run.requireNewResult(payload, EvaluatorResultRecorded.TYPE, (int) row, "evaluatorId", evaluatorId,
                run.state().evaluators());
        return draft(runId, EvaluatorResultRecorded.TYPE,
                new EvaluatorResultRecorded(runId, (int) row, evaluatorId, score, passed, status, cost, details));
    }

    public static List<EventDraft> complete(Payload payload, CommandContext context) {
        return end(payload, false);
    }

    public static List<EventDraft> stop(Payload payload, CommandContext context) {
        return end(payload, true);
    }

    /** Always stored: ending a run again only says how it ended, and the fold keeps the last word. */
    private static List<EventDraft> end(Payload payload, boolean stopped) {
        String runId = payload.requiredId("runId");
        payload.validate();
        return draft(runId, Completed.TYPE, new Completed(runId, stopped));
    }

    private static List<String> ids(Payload payload, String field, int maxItems, boolean required) {
        List<String> ids = payload.stringList(field, maxItems, Ids.MAX_AGGREGATE_ID_LENGTH, required);
        JsonNode given = payload.json().path(field);
        payload.check(!required || !given.isArray() || !given.isEmpty(), field, "must hold at least one id");
        payload.check(new HashSet<>(ids).size() == ids.size(), field, "must not repeat an id");
        for (int i = 0; i < ids.size(); i++) {
            String name = field + "[" + i + "]";
            try {
                Ids.aggregateId(name, ids.get(i));
            } catch (InvalidIdException e) {
                payload.check(false, name, e.reason());
            }
        }
        return ids;
    }

    private static List<EventDraft> draft(String runId, String type, Object data) {
        return List.of(EventDraft.of(runId, type, ExperimentRunEvents.VERSION, data));
    }

    /** A run as its stored events say: the folded state, and which results it already holds. */
    private record RunHistory(String runId, ExperimentRunState state, Set<String> recorded) {
        static RunHistory of(String runId, List<Event> history) {
            ExperimentRunState state = AggregateHistory.fold(ExperimentRunPipeline.STATE, history);
            Set<String> recorded = new HashSet<>();
            for (Event event : history) {
                if (event.type().equals(TargetResultRecorded.TYPE)) {
                    TargetResultRecorded e = Json.fromNode(event.data(), TargetResultRecorded.class);
                    recorded.add(key(event.type(), e.row(), e.targetId()));
                } else if (event.type().equals(EvaluatorResultRecorded.TYPE)) {
                    EvaluatorResultRecorded e = Json.fromNode(event.data(), EvaluatorResultRecorded.class);
                    recorded.add(key(event.type(), e.row(), e.evaluatorId()));
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
}
