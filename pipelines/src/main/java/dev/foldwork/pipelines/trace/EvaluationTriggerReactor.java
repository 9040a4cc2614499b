package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.evaluation.ScheduleEvaluationCommand;
import java.time.Duration;
import java.util.Optional;

/**
 * Reactor {@code evaluation_trigger}: once a trace has been quiet for {@code quietPeriod}
 * (one job id per trace, so a burst of spans triggers once), schedules its evaluation; a trace
 * that never goes quiet is scheduled {@code ReactionPlan.MAX_WAIT_DELAYS} quiet periods after its
 * first span. The evaluation id derives from the trace id and scheduling is idempotent, so a trace
 * that wakes up again, or a retried reaction, never schedules twice.
 */
public final class EvaluationTriggerReactor implements Reactor<TraceSummary> {
    public static final String NAME = "evaluation_trigger";
    public static final String EVALUATION_ID_PREFIX = "auto-";

    private final Duration quietPeriod;
    private final String evaluatorId;

    public EvaluationTriggerReactor(Duration quietPeriod, String evaluatorId) {
        this.quietPeriod = quietPeriod;
        this.evaluatorId = evaluatorId;
    }

    public static String evaluationIdOf(String traceId) {
        return EVALUATION_ID_PREFIX + traceId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void react(Event event, ReactorContext<TraceSummary> context) {
        var payload = Json.object()
                .put("evaluationId", evaluationIdOf(context.aggregateId()))
                .put("evaluatorId", evaluatorId)
                .put("traceId", context.aggregateId());
        context.commands().send(new Command(context.tenantId(), EvaluationPipeline.NAME, ScheduleEvaluationCommand.TYPE, payload));
    }

    @Override
    public Optional<String> jobId(Event event, TraceSummary state) {
        return Optional.of(event.aggregateId());
    }

    @Override
    public Duration delay() {
        return quietPeriod;
    }
}
