package dev.foldwork.redis.dispatch;

import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.redis.groupqueue.GroupNames;
import dev.foldwork.redis.groupqueue.PauseScope;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.redis.groupqueue.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the queue groups the Redis mode uses: {@code <tenant>:<kind>:...}. Folds are grouped
 * by FoldGroupId; map jobs and reactions get groups of their own, except reactions with a job
 * id, which share the group of that id so that a burst coalesces.
 */
public final class JobGroups {
    static final String FOLD = "fold";
    static final String MAP = "map";
    static final String REACTOR = "reactor";
    // The part after the tenant of each kind's groups; pipelines, aggregate types, maps, folds and
    // reactors are lower snake case names (Ids.name), and the queue appends digits to own groups.
    private static final String NAME = "([a-z][a-z0-9_]*)";
    private static final Pattern FOLD_GROUP = Pattern.compile(FOLD + ":" + NAME + ":" + NAME + ":.+");
    private static final Pattern MAP_GROUP = Pattern.compile(MAP + ":" + NAME + ":[0-9]*");
    private static final Pattern REACTOR_OWN_GROUP = Pattern.compile(REACTOR + ":" + NAME + "/" + NAME + ":[0-9]*");

    private JobGroups() {}

    public static String fold(FoldGroupId id) {
        return QueueKeys.group(id.tenantId(), FOLD + ":" + id.pipeline() + ":" + id.aggregateType() + ":" + id.aggregateKey());
    }

    static String mapPrefix(String map) {
        return MAP + ":" + map + ":";
    }

    static String reactorPrefix(String fold, String reactor) {
        return REACTOR + ":" + fold + "/" + reactor + ":";
    }

    static String reactorJob(String jobId) {
        return REACTOR + ":" + jobId;
    }

    /**
     * The scopes that pause one pipeline's work, of one tenant or (null) every tenant: its fold
     * groups, its maps' groups and its reactors' own groups. Reactions with a job id share that
     * id's group, which names no pipeline; they keep running.
     */
    public static List<PauseScope> scopesOf(Pipeline pipeline, String tenant) {
        List<PauseScope> scopes = new ArrayList<>();
        scopes.add(new PauseScope(tenant, FOLD + ":" + pipeline.name() + ":"));
        for (MapProjection<?> map : pipeline.maps()) {
            scopes.add(new PauseScope(tenant, mapPrefix(map.name())));
        }
        for (FoldProjection<?> fold : pipeline.folds()) {
            if (pipeline.reactors().stream().anyMatch(binding -> binding.fold().equals(fold))) {
                scopes.add(new PauseScope(tenant, REACTOR + ":" + fold.name() + "/"));
            }
        }
        return scopes;
    }

    /**
     * The pipeline a group names: a fold group's (a global fold's key groups name
     * {@value Pipeline#GLOBAL_PROJECTIONS}). Map and reactor groups name none.
     */
    static Optional<String> pipelineOf(String group) {
        Matcher fold = FOLD_GROUP.matcher(afterTenant(group));
        return fold.matches() ? Optional.of(fold.group(1)) : Optional.empty();
    }

    /**
     * The projection a group names: a map group's map, a reactor's own group's fold (the fold the
     * reactor watches), a global fold's key group's fold (its aggregate type). A pipeline's fold
     * group runs all of the pipeline's folds and names none; nor does a reaction sharing its job
     * id's group, unless that job id itself reads {@code <fold>/<reactor>:<digits>}.
     */
    static Optional<String> projectionOf(String group) {
        String rest = afterTenant(group);
        Matcher fold = FOLD_GROUP.matcher(rest);
        if (fold.matches()) {
            return fold.group(1).equals(Pipeline.GLOBAL_PROJECTIONS) ? Optional.of(fold.group(2)) : Optional.empty();
        }
        Matcher map = MAP_GROUP.matcher(rest);
        if (map.matches()) {
            return Optional.of(map.group(1));
        }
        Matcher reactor = REACTOR_OWN_GROUP.matcher(rest);
        return reactor.matches() ? Optional.of(reactor.group(1)) : Optional.empty();
    }

    /**
     * The groups that name {@code pipeline} and {@code projection} (either may be null: any), for
     * an operator's filter ({@link QueueItemFilter}): a pipeline matches fold groups only; a
     * projection matches map groups (their map), reactors' own groups (the fold the reactor
     * watches) and global folds' key groups, never a pipeline's fold group, which runs all of its
     * folds, nor a reaction sharing its job id's group. Both are checked as names.
     */
    public static GroupNames naming(String pipeline, String projection) {
        if (pipeline != null) {
            Ids.name("pipeline", pipeline);
        }
        if (projection != null) {
            Ids.name("projection", projection);
        }
        if (pipeline == null && projection == null) {
            return GroupNames.ANY;
        }
        return group -> (pipeline == null || pipelineOf(group).filter(pipeline::equals).isPresent())
                && (projection == null || projectionOf(group).filter(projection::equals).isPresent());
    }

    private static String afterTenant(String group) {
        return group.substring(group.indexOf(':') + 1);
    }

    /** The kind a group name says, the part after the tenant. */
    static String kindOf(String group) {
        int start = group.indexOf(':') + 1;
        int end = group.indexOf(':', start);
        return group.substring(start, end < 0 ? group.length() : end);
    }
}
