package dev.foldwork.core.dispatch.redis;

import dev.foldwork.core.groupqueue.QueueKeys;
import dev.foldwork.core.runtime.FoldGroupId;

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

    /** The kind a group name says, the part after the tenant. */
    static String kindOf(String group) {
        int start = group.indexOf(':') + 1;
        int end = group.indexOf(':', start);
        return group.substring(start, end < 0 ? group.length() : end);
    }
}
