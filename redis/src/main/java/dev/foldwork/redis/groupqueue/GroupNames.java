package dev.foldwork.redis.groupqueue;

/**
 * Which group names an operator's filter means beyond tenant and kind, as the layer that names
 * the groups reads them (the Redis mode: {@code JobGroups.naming}); the queue itself gives names
 * no meaning.
 */
@FunctionalInterface
public interface GroupNames {
    GroupNames ANY = group -> true;

    boolean match(String group);
}
