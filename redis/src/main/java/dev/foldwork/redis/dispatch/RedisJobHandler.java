package dev.foldwork.redis.dispatch;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.OwedReactions;
import dev.foldwork.core.runtime.ReactionPlan;
import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.redis.groupqueue.ClaimedGroup;
import dev.foldwork.redis.groupqueue.ClaimedJob;
import dev.foldwork.redis.groupqueue.GroupOutcome;
import dev.foldwork.redis.groupqueue.JobHandler;
import dev.foldwork.redis.groupqueue.LeaseLostException;
import dev.foldwork.redis.groupqueue.PermanentJobException;
import dev.foldwork.redis.groupqueue.StageBatcher;
import dev.foldwork.redis.groupqueue.StagedJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Redis mode's jobs through core's runtime. A claimed fold group's jobs are applied as
 * one batch (one load and store per fold); if that fails they are run job by job so the failure
 * lands on the job that holds the bad event and the jobs before it complete. Folds apply by
 * {@code seq}, so re-running an applied job is harmless. The reactions a fold owes after
 * it persisted (its batch's {@link ReactionPlan}) are staged, by reference, before the fold job is
 * reported done; a retried fold job whose folds all hold its events owes their reactions again
 * ({@link OwedReactions#again}), so a failure to stage them (Redis away) does not lose them.
 */
final class RedisJobHandler implements JobHandler {
    private static final int MAX_BATCH_EVENTS = 1_000;

    private final EventRouter router;
    private final FoldExecutor folds;
    private final MapExecutor maps;
    private final ReactorExecutor reactors;
    private final OwedReactions owed;
    private final StageBatcher stager;
    private final RedisDispatcherOptions options;

    RedisJobHandler(EventRouter router, FoldExecutor folds, MapExecutor maps, ReactorExecutor reactors,
                    StageBatcher stager, RedisDispatcherOptions options) {
        this.router = router;
        this.folds = folds;
        this.maps = maps;
        this.reactors = reactors;
        this.owed = folds.owedReactions();
        this.stager = stager;
        this.options = options;
    }

    @Override
    public GroupRun run(ClaimedGroup claim) {
        if (JobGroups.kindOf(claim.group()).equals(JobGroups.FOLD)) {
            return runFolds(claim);
        }
        for (int i = 0; i < claim.jobs().size(); i++) {
            if (!claim.lease().held()) {
                return new GroupRun(i, new LeaseLostException(claim.group()));
            }
            try {
                runOne(DispatchJob.decode(claim.jobs().get(i).body()));
            } catch (Exception e) {
                return new GroupRun(i, e);
            }
        }
        return GroupRun.all(claim);
    }

    @Override
    public String kind(String group) {
        return JobGroups.kindOf(group);
    }

    @Override
    public FailureRule failureRule(ClaimedJob job) {
        return switch (JobGroups.kindOf(job.group())) {
            case JobGroups.FOLD -> new FailureRule(options.foldRetry(), GroupOutcome.Action.PARK);
            case JobGroups.MAP -> new FailureRule(options.mapRetry(), GroupOutcome.Action.DEAD);
            default -> new FailureRule(options.reactorRetry(), GroupOutcome.Action.DEAD);
        };
    }

    /**
     * Runs at most {@link #MAX_BATCH_EVENTS} events of the claim (always at least one job) and
     * leaves the rest for the group's next turn. Running the same jobs again, or a stale worker
     * running them late, applies nothing twice: folds skip what their {@code seq} position holds.
     */
    private GroupRun runFolds(ClaimedGroup claim) {
        if (!claim.lease().held()) {
            return new GroupRun(0, new LeaseLostException(claim.group()));
        }
        List<DispatchJob.Fold> jobs = new ArrayList<>(claim.jobs().size());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < claim.jobs().size(); i++) {
            DispatchJob.Fold job;
            try {
                job = (DispatchJob.Fold) DispatchJob.decode(claim.jobs().get(i).body());
            } catch (RuntimeException e) {
                return i == 0 ? new GroupRun(0, e) : runFolds(claim, jobs, events);
            }
            if (i > 0 && events.size() + job.events().size() > MAX_BATCH_EVENTS) {
                break;
            }
            jobs.add(job);
            events.addAll(job.events());
        }
        return runFolds(claim, jobs, events);
    }

    private GroupRun runFolds(ClaimedGroup claim, List<DispatchJob.Fold> jobs, List<Event> events) {
        boolean retried = claim.jobs().get(0).failedAttempts() > 0;
        if (jobs.size() > 1) {
            try {
                applyAndReact(jobs.get(0), events, retried);
                return new GroupRun(jobs.size(), null);
            } catch (RuntimeException e) {
                // fall through: find the job that fails, completing the ones before it
            }
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (!claim.lease().held()) {
                return new GroupRun(i, new LeaseLostException(claim.group()));
            }
            try {
                applyAndReact(jobs.get(i), jobs.get(i).events(), retried && i == 0);
            } catch (RuntimeException e) {
                return new GroupRun(i, e);
            }
        }
        return new GroupRun(jobs.size(), null);
    }

    /** Records an operator's skip of a fold job (see {@link RedisDispatcher#skipParked}); other jobs need nothing. */
    void skip(DispatchJob job) {
        if (job instanceof DispatchJob.Fold fold) {
            List<ReactionPlan> reactions = new ArrayList<>();
            try {
                folds.skipPoison(fold.group(), fold.events(), reactions::add);
            } finally {
                if (!reactions.isEmpty()) {
                    stager.submit(reactionJobs(reactions)).join();
                }
            }
        }
    }

    /**
     * Applies the events; reactions of every fold that persisted are staged even if a later fold
     * failed. A retried head job first owes again the reactions of the events its folds all hold.
     */
    private void applyAndReact(DispatchJob.Fold job, List<Event> events, boolean headRetried) {
        List<ReactionPlan> reactions = new ArrayList<>();
        try {
            if (headRetried) {
                owed.again(job.group(), job.events(), reactions::add);
            }
            folds.execute(job.group(), events, reactions::add);
        } finally {
            if (!reactions.isEmpty()) {
                stager.submit(reactionJobs(reactions)).join();
            }
        }
    }

    /**
     * The plans' reactions as jobs: a debounced one deduplicated under its job key (a newer one
     * replaces it and restarts its delay), the others in their reactor's own group.
     */
    private List<StagedJob> reactionJobs(List<ReactionPlan> plans) {
        List<StagedJob> jobs = new ArrayList<>();
        for (ReactionPlan plan : plans) {
            for (ReactionPlan.Unplanned unplanned : plan.unplanned()) {
                ReactorCall call = unplanned.call();
                jobs.add(StagedJob.dead(call.group().tenantId(), ownGroup(call), body(call),
                        "the reactor's jobId failed: " + unplanned.error()));
            }
            for (ReactionPlan.Reaction reaction : plan.reactions()) {
                jobs.add(reactionJob(reaction));
            }
        }
        return jobs;
    }

    private static StagedJob reactionJob(ReactionPlan.Reaction reaction) {
        ReactorCall call = reaction.call();
        var tenant = call.group().tenantId();
        if (!reaction.debounced()) {
            return StagedJob.ownGroup(tenant, ownGroup(call), body(call));
        }
        try {
            return StagedJob.dedup(tenant, JobGroups.reactorJob(reaction.jobKey().orElseThrow()), body(call), reaction.delay());
        } catch (IllegalArgumentException e) {
            return StagedJob.dead(tenant, ownGroup(call), body(call), "the reactor's job id cannot name a queue group: " + e.getMessage());
        }
    }

    private static String ownGroup(ReactorCall call) {
        return JobGroups.reactorPrefix(call.fold(), call.reactor());
    }

    private static String body(ReactorCall call) {
        return new DispatchJob.React(ReactionRef.of(call)).encode();
    }

    private void runOne(DispatchJob job) throws Exception {
        if (job instanceof DispatchJob.Map map) {
            MapProjection<?> projection = router.registry().map(map.map()).orElseThrow(() ->
                    new PermanentJobException("no map projection " + map.map() + " in this worker's pipelines"));
            maps.execute(map.tenant(), projection, map.events());
        } else if (job instanceof DispatchJob.React react) {
            reactors.execute(react.ref() != null ? owed.read(react.ref()) : react.call());
        } else {
            throw new PermanentJobException("a fold job outside a fold group: " + job);
        }
    }
}
