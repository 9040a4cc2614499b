package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedFold;
import dev.foldwork.pipelines.Limits;
import dev.foldwork.pipelines.simulation.SimulationEvent.Cancelled;
import dev.foldwork.pipelines.simulation.SimulationEvent.CostsRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvent.Deleted;
import dev.foldwork.pipelines.simulation.SimulationEvent.Finished;
import dev.foldwork.pipelines.simulation.SimulationEvent.Message;
import dev.foldwork.pipelines.simulation.SimulationEvent.MessageSnapshotRecorded;
import dev.foldwork.pipelines.simulation.SimulationEvent.Queued;
import dev.foldwork.pipelines.simulation.SimulationEvent.Started;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fold {@code simulation_run_state}: a simulated conversation's progress, the judge's verdict and
 * what the run cost. Facts arrive late and out of order, and the fold reconciles them as
 * LangWatch's {@code simulationRunState} does, deciding on what an event says rather than when it
 * came: queue and start only move a run forward and never reopen a finished one (they still fill
 * in what the run did not know); the first reported outcome keeps the run unless a cancel
 * outranks it ({@link SimulationOutcome#supersedes}); a snapshot after the finish is kept.
 */
public final class SimulationRunStateFold implements TypedFold<SimulationRunState, SimulationEvent> {
    public static final String NAME = "simulation_run_state";
    public static final int PREVIEW_LENGTH = 120;
    /** The state keeps the conversation's last this many messages, so it stays small whatever the run. */
    public static final int MAX_KEPT_MESSAGES = 50;
    /** Each kept message's content is cut to this many characters. */
    public static final int MAX_KEPT_CONTENT = 1000;
    /** The most roles whose cost the state keeps. */
    public static final int MAX_ROLES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SimulationRunState> stateType() {
        return SimulationRunState.class;
    }

    @Override
    public SimulationRunState init() {
        return SimulationRunState.notStarted();
    }

    @Override
    public EventCodec<SimulationEvent> events() {
        return SimulationEvent.CODEC;
    }

    @Override
    public SimulationRunState apply(SimulationRunState s, SimulationEvent event, Event envelope) {
        long at = envelope.timestamp();
        if (event instanceof Queued e) {
            SimulationStatus status = s.status() == SimulationStatus.NOT_STARTED ? SimulationStatus.QUEUED : s.status();
            return identified(s, e.runId(), e.scenarioId(), e.scenarioSetId(), e.batchRunId(), e.name(), status,
                    s.queuedAt() == 0 ? at : s.queuedAt(), s.startedAt());
        }
        if (event instanceof Started e) {
            return identified(s, e.runId(), e.scenarioId(), e.scenarioSetId(), e.batchRunId(), e.name(), advanced(s),
                    s.queuedAt(), s.startedAt() == 0 ? at : s.startedAt());
        }
        if (event instanceof MessageSnapshotRecorded e) {
            return snapshot(s, e);
        }
        if (event instanceof Finished e) {
            SimulationOutcome outcome = SimulationOutcome.of(e.verdict(), e.error());
            return outcome.supersedes(s.outcome())
                    ? ended(s, e.runId(), outcome, e.verdict(), e.reasoning(), e.metCriteria(), e.unmetCriteria(),
                            e.error(), e.durationMs(), at)
                    : s;
        }
        if (event instanceof Cancelled e) {
            return SimulationOutcome.CANCELLED.supersedes(s.outcome())
                    ? ended(s, e.runId(), SimulationOutcome.CANCELLED, null, e.reason(), List.of(), List.of(), null, null, at)
                    : s;
        }
        if (event instanceof CostsRecorded e) {
            return costs(s, e);
        }
        if (event instanceof Deleted e) {
            return s.withDeleted(true).withDeletedAt(at);
        }
        return s;
    }

    /** A not-yet-running run starts running; a running or finished one stays where it is. */
    private static SimulationStatus advanced(SimulationRunState s) {
        return s.status() == SimulationStatus.NOT_STARTED || s.status() == SimulationStatus.QUEUED ? SimulationStatus.RUNNING : s.status();
    }

    /** Identity keeps what is already known: the first queue or start to arrive names the run. */
    private static SimulationRunState identified(SimulationRunState s, String runId, String scenarioId, String scenarioSetId,
                                                 String batchRunId, String name, SimulationStatus status, long queuedAt,
                                                 long startedAt) {
        return s.withRunId(orElse(s.runId(), runId))
                .withScenarioId(orElse(s.scenarioId(), scenarioId))
                .withScenarioSetId(orElse(s.scenarioSetId(), scenarioSetId))
                .withBatchRunId(orElse(s.batchRunId(), batchRunId))
                .withName(orElse(s.name(), name))
                .withStatus(status)
                .withQueuedAt(queuedAt)
                .withStartedAt(startedAt);
    }

    /**
     * A conversation only grows, so the snapshot with the most messages is the latest one,
     * whatever order snapshots arrive in (ties: the later stored). Every snapshot is counted.
     */
    private static SimulationRunState snapshot(SimulationRunState s, MessageSnapshotRecorded e) {
        List<Message> all = e.messages();
        SimulationRunState counted = s.withRunId(orElse(s.runId(), e.runId()))
                .withStatus(advanced(s))
                .withSnapshots(s.snapshots() + 1);
        if (all.size() < s.messageCount()) {
            return counted;
        }
        Message last = all.isEmpty() ? null : all.get(all.size() - 1);
        List<Message> kept = all.subList(Math.max(0, all.size() - MAX_KEPT_MESSAGES), all.size()).stream()
                .map(m -> new Message(m.role(), cut(m.content(), MAX_KEPT_CONTENT))).toList();
        return counted.withMessageCount(all.size())
                .withLastMessageRole(last == null ? null : last.role())
                .withLastMessagePreview(last == null ? null : cut(last.content(), PREVIEW_LENGTH))
                .withMessages(kept);
    }

    /** The winning ending owns the whole outcome, so the record never blends two endings. */
    private static SimulationRunState ended(SimulationRunState s, String runId, SimulationOutcome outcome,
                                            SimulationVerdict verdict, String reasoning, List<String> met,
                                            List<String> unmet, String error, Long durationMs, long at) {
        return s.withRunId(orElse(s.runId(), runId))
                .withStatus(SimulationStatus.FINISHED)
                .withOutcome(outcome)
                .withVerdict(verdict)
                .withReasoning(reasoning)
                .withMetCriteria(met)
                .withUnmetCriteria(unmet)
                .withError(error)
                .withDurationMs(durationMs)
                .withFinishedAt(at);
    }

    /** A measurement covers the whole run, so it replaces the previous one rather than adding to it. */
    private static SimulationRunState costs(SimulationRunState s, CostsRecorded e) {
        TreeMap<String, Double> roles = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, Double> role : e.roleCosts().entrySet()) {
            if (roles.size() == MAX_ROLES) {
                break;
            }
            roles.put(role.getKey(), role.getValue());
            total = Limits.add(total, role.getValue());
        }
        return s.withRunId(orElse(s.runId(), e.runId())).withTotalCost(total).withRoleCosts(roles);
    }

    private static String cut(String content, int length) {
        return content.length() <= length ? content : content.substring(0, length) + "...";
    }

    private static String orElse(String known, String fromEvent) {
        return known != null ? known : fromEvent;
    }
}
