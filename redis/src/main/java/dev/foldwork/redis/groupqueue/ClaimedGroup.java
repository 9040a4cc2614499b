package dev.foldwork.redis.groupqueue;

import java.util.List;

/**
 * The first jobs of one group, claimed together under one lease token. They run one after the
 * other, in order; the group's next job starts only after these are reported back.
 * {@code waitedMillis} is how long the group had been ready when it was claimed.
 */
public record ClaimedGroup(String group, String token, List<ClaimedJob> jobs, Lease lease, long waitedMillis) {
    public ClaimedGroup {
        jobs = List.copyOf(jobs);
    }

    public ClaimedGroup(String group, String token, List<ClaimedJob> jobs) {
        this(group, token, jobs, new Lease(), 0);
    }
}
