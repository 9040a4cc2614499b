package dev.foldwork.redis.groupqueue;

/**
 * Which dead letters or parked groups an operator means. Group names are
 * {@code <tenant>:<kind>:...} (the Redis mode's kinds are fold, map and reactor); every field
 * left null matches anything, text fields match case-sensitively anywhere in the value.
 * {@code names} matches what the group's name says in the layout of the mode that named it
 * (null: any), e.g. the pipeline or projection of a Redis-mode group ({@code JobGroups.naming}).
 */
public record QueueItemFilter(String tenant, String kind, GroupNames names, String groupContains, String errorContains) {
    public static final QueueItemFilter ANY = new QueueItemFilter(null, null, null, null, null);

    /** Whether a group named {@code <tenant>:<kind>:...} with this error (null: none) is meant. */
    public boolean matches(String group, String error) {
        int tenantEnd = group.indexOf(':');
        String groupTenant = tenantEnd < 0 ? group : group.substring(0, tenantEnd);
        int kindEnd = group.indexOf(':', tenantEnd + 1);
        String groupKind = tenantEnd < 0 ? "" : group.substring(tenantEnd + 1, kindEnd < 0 ? group.length() : kindEnd);
        return (tenant == null || tenant.equals(groupTenant))
                && (kind == null || kind.equals(groupKind))
                && (names == null || names.match(group))
                && (groupContains == null || group.contains(groupContains))
                && (errorContains == null || (error != null && error.contains(errorContains)));
    }
}
