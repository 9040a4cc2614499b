package dev.foldwork.redis.groupqueue;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * A job's body as the scripts keep it: in the jobs hash, or, over 64 KiB, under a key of its own
 * with a marker in the hash (lib.lua), so the hash every claim reads stays small.
 */
final class JobBodies {
    /** The marker the scripts leave in the jobs hash for a body kept under a key of its own. */
    private static final String BIG_BODY = "\0big";

    private final QueueKeys keys;
    private final RedisCommands<String, String> redis;

    JobBodies(QueueKeys keys, RedisCommands<String, String> redis) {
        this.keys = keys;
        this.redis = redis;
    }

    /** The whole body of a job whose jobs-hash entry is {@code held}. */
    String resolve(String jobId, String held) {
        return BIG_BODY.equals(held) ? redis.get(keys.key("b:" + jobId)) : held;
    }
}
