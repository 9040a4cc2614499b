package dev.foldwork.core.groupqueue;

import dev.foldwork.core.dispatch.redis.JobGroups;
import dev.foldwork.core.domain.Ids;

/**
 * Which dead letters or parked groups an operator means. Group names are
 * {@code <tenant>:<kind>:...} (the Redis mode's kinds are fold, map and reactor); every field
 * left null matches anything, text fields match case-sensitively anywhere in the value.
 * {@code pipeline} and {@code projection} match the names a group holds in the Redis mode's
 * layout ({@link JobGroups#pipelineOf}, {@link JobGroups#projectionOf}): a pipeline matches fold
 * groups only; a projection matches map groups (their map), reactors' own groups (the fold the
 * reactor watches) and global folds' key groups, never a pipeline's fold group, which runs all
 * of its folds, nor a reaction sharing its job id's group.
 */
public record QueueItemFilter(String tenant, String kind, String pipeline, String projection,
                              String groupContains, String errorContains) {
    public static final QueueItemFilter ANY = new QueueItemFilter(null, null, null, null, null, null);

    public QueueItemFilter {
        if (pipeline != null) {
            Ids.name("pipeline", pipeline);
        }
        if (projection != null) {
            Ids.name("projection", projection);
        }
    }

    boolean matches(String group, String error) {
        int tenantEnd = group.indexOf(':');
        String groupTenant = tenantEnd < 0 ? group : group.substring(0, tenantEnd);
        int kindEnd = group.indexOf(':', tenantEnd + 1);
        String groupKind = tenantEnd < 0 ? "" : group.substring(tenantEnd + 1, kindEnd < 0 ? group.length() : kindEnd);
        return (tenant == null || tenant.equals(groupTenant))
                && (kind == null || kind.equals(groupKind))
                && (pipeline == null || JobGroups.pipelineOf(group).filter(pipeline::equals).isPresent())
                && (projection == null || JobGroups.projectionOf(group).filter(projection::equals).isPresent())
                && (groupContains == null || group.contains(groupContains))
                && (errorContains == null || (error != null && error.contains(errorContains)));
    }
}
