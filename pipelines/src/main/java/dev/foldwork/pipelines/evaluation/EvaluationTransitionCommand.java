package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.AggregateHistory;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Completed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Failed;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Skipped;
import dev.foldwork.pipelines.evaluation.EvaluationEvents.Started;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Commands {@code start}, {@code complete}, {@code skip} and {@code fail}: each moves an
 * evaluation on from the statuses it allows, decided on the evaluation's stored history.
 * Anything else is an impossible transition and is refused; nothing is stored.
 */
public final class EvaluationTransitionCommand implements CommandHandler {
    public static final int MAX_LABEL = 256;
    public static final int MAX_DETAILS = 8192;
    public static final int MAX_REASON = 1024;
    public static final int MAX_ERROR = 4096;

    private static final Set<EvaluationStatus> OPEN = EnumSet.of(EvaluationStatus.SCHEDULED, EvaluationStatus.IN_PROGRESS);

    public static final EvaluationTransitionCommand START = new EvaluationTransitionCommand("start",
            EnumSet.of(EvaluationStatus.SCHEDULED), Started.TYPE, (id, payload) -> new Started(id));

    public static final EvaluationTransitionCommand COMPLETE = new EvaluationTransitionCommand("complete",
            EnumSet.of(EvaluationStatus.IN_PROGRESS), Completed.TYPE, (id, payload) -> {
                double score = payload.requiredDouble("score", 0);
                payload.check(score <= 1, "score", "must be at most 1, was " + score);
                return new Completed(id, score, payload.requiredBoolean("passed"),
                        payload.optionalString("label", MAX_LABEL).orElse(null),
                        payload.optionalString("details", MAX_DETAILS).orElse(null));
            });

    public static final EvaluationTransitionCommand SKIP = new EvaluationTransitionCommand("skip", OPEN,
            Skipped.TYPE, (id, payload) -> new Skipped(id, payload.requiredString("reason", MAX_REASON)));

    public static final EvaluationTransitionCommand FAIL = new EvaluationTransitionCommand("fail", OPEN,
            Failed.TYPE, (id, payload) -> new Failed(id, payload.requiredString("error", MAX_ERROR)));

    private final String type;
    private final Set<EvaluationStatus> allowedFrom;
    private final String eventType;
    private final BiFunction<String, Payload, Object> eventData;

    private EvaluationTransitionCommand(String type, Set<EvaluationStatus> allowedFrom, String eventType,
                                        BiFunction<String, Payload, Object> eventData) {
        this.type = type;
        this.allowedFrom = allowedFrom;
        this.eventType = eventType;
        this.eventData = eventData;
    }

    public String type() {
        return type;
    }

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String evaluationId = payload.requiredId("evaluationId");
        Object data = eventData.apply(evaluationId, payload);
        payload.validate();

        EvaluationStatus status = AggregateHistory.fold(EvaluationPipeline.RUN, context.history(evaluationId)).status();
        if (!allowedFrom.contains(status)) {
            throw new CommandRejectedException("cannot " + type + " evaluation " + evaluationId + ": it is "
                    + status.label() + ", and " + type + " is allowed only from "
                    + allowedFrom.stream().map(EvaluationStatus::label).toList());
        }
        return List.of(EventDraft.of(evaluationId, eventType, EvaluationEvents.VERSION, data));
    }
}
