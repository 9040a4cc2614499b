package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Started;
import java.util.List;
import java.util.function.Function;

/**
 * Commands {@code start}, {@code complete}, {@code skip} and {@code fail}. Workers report from
 * queues that retry and reorder, so a valid fact is stored whenever it arrives (a result before
 * the start, a start after the result, a re-reported result) and the {@code evaluation_run} fold
 * reconciles it. Only a second start is refused: an evaluation starts once. A completion or
 * failure after an earlier one is stored marked as a repeat, which billing does not count again.
 * Malformed payloads are refused with the field that is wrong.
 */
public final class EvaluationTransitionCommand implements CommandHandler {
    public static final int MAX_LABEL = 256;
    public static final int MAX_DETAILS = 8192;
    public static final int MAX_REASON = 1024;
    public static final int MAX_ERROR = 4096;

    public static final EvaluationTransitionCommand START = new EvaluationTransitionCommand("start", true,
            Started.TYPE, (id, payload) -> repeat -> new Started(id));

    public static final EvaluationTransitionCommand COMPLETE = new EvaluationTransitionCommand("complete", false,
            Completed.TYPE, (id, payload) -> {
                double score = payload.requiredDouble("score", 0);
                payload.check(score <= 1, "score", "must be at most 1, was " + score);
                boolean passed = payload.requiredBoolean("passed");
                String label = payload.optionalString("label", MAX_LABEL).orElse(null);
                String details = payload.optionalString("details", MAX_DETAILS).orElse(null);
                Double cost = cost(payload);
                Long durationMs = durationMs(payload);
                return repeat -> new Completed(id, score, passed, label, details, cost, durationMs, repeat);
            });

    public static final EvaluationTransitionCommand SKIP = new EvaluationTransitionCommand("skip", false,
            Skipped.TYPE, (id, payload) -> {
                String reason = payload.requiredString("reason", MAX_REASON);
                return repeat -> new Skipped(id, reason);
            });

    public static final EvaluationTransitionCommand FAIL = new EvaluationTransitionCommand("fail", false,
            Failed.TYPE, (id, payload) -> {
                String error = payload.requiredString("error", MAX_ERROR);
                Double cost = cost(payload);
                Long durationMs = durationMs(payload);
                return repeat -> new Failed(id, error, cost, durationMs, repeat);
            });

    /**
     * Reads a command's fields (so a malformed payload is refused before any history is read) and
     * answers the event to store, once the history says whether it repeats a billed result.
     */
    @FunctionalInterface
    private interface EventReader {
        Function<Boolean, Object> read(String evaluationId, Payload payload);
    }

    private final String type;
    private final boolean once;
    private final String eventType;
    private final EventReader eventData;

    private EvaluationTransitionCommand(String type, boolean once, String eventType, EventReader eventData) {
        this.type = type;
        this.once = once;
        this.eventType = eventType;
        this.eventData = eventData;
    }

    public String type() {
        return type;
    }

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        Function<Boolean, Object> event = eventData.read(evaluationId, payload);
        payload.validate();

        boolean billed = EvaluationEvents.BILLED.contains(eventType);
        List<Event> history = once || billed ? context.history(evaluationId) : List.of();
        if (once && AggregateHistory.fold(EvaluationPipeline.RUN, history).startedAt() != 0) {
            throw new CommandRejectedException("cannot " + type + " evaluation " + evaluationId + ": it was already started");
        }
        boolean repeat = billed && BillableFacts.alreadyBilled(history, EvaluationEvents.BILLED);
        return List.of(EventDraft.of(evaluationId, eventType, EvaluationEvents.VERSION, event.apply(repeat)));
    }

    /** The optional {@code cost}: null when not reported, which is not the same as free. */
    private static Double cost(Payload payload) {
        if (!payload.json().hasNonNull("cost")) {
            return null;
        }
        double cost = payload.optionalDouble("cost", 0, 0);
        Limits.atMost(payload, "cost", cost, Limits.MAX_COST);
        return cost;
    }

    private static Long durationMs(Payload payload) {
        if (!payload.json().hasNonNull("durationMs")) {
            return null;
        }
        long durationMs = payload.optionalLong("durationMs", 0, 0);
        Limits.atMost(payload, "durationMs", durationMs, Limits.MAX_DURATION_MS);
        return durationMs;
    }
}
