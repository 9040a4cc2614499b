package dev.foldwork.core.dispatch.redis;

import dev.foldwork.core.groupqueue.PauseScope;
import dev.foldwork.core.groupqueue.QueueKeys;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the queue groups the Redis mode uses: {@code <tenant>:<kind>:...}. Folds are grouped
 * by FoldGroupId; map jobs and reactions get groups of their own, except reactions with a job
 * id, which share the group of that id so that a burst coalesces.
 */
public final class JobGroups {
    static final String FOLD = "fold";
    static final String MAP = "map";
    static final String REACTOR = "reactor";

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

    /** The kind a group name says, the part after the tenant. */
    static String kindOf(String group) {
        int start = group.indexOf(':') + 1;
        int end = group.indexOf(':', start);
        return group.substring(start, end < 0 ? group.length() : end);
    }
}
