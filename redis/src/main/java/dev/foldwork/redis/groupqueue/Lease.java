package dev.foldwork.redis.groupqueue;

/**
 * Whether this process still holds a claimed group. The consumer marks it lost when Redis says
 * the lease went to another claim (it lapsed while this process was stalled or cut off); the
 * handler checks it between jobs and stops, so a group never has two runs writing for it.
 */
public final class Lease {
    private volatile boolean lost;

    public boolean held() {
        return !lost;
    }

    void markLost() {
        lost = true;
    }
}
