package dev.foldwork.starter.http.admin;

import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.starter.http.admin.QueueAdminController.BulkRequest;
import java.time.Duration;
import java.util.List;

/**
 * The parked aggregates of the mode this service runs, for the admin API's parked endpoints
 * ({@link QueueAdminController}): the Redis queue's parked groups ({@link RedisParked}), the
 * memory dispatcher's parked fold groups ({@link MemoryParked}), or the fold workflows that
 * parked ({@link TemporalParked}). Every mode names a fold group as the Redis mode does,
 * {@code <tenant>:fold:<pipeline>:<aggregateType>:<aggregateId>}, so filters, cursors and the
 * {@code groups} of a request mean the same in each.
 */
interface ParkedAggregates {
    /** A page of the parked ones the filter matches, in order of group name, after the cursor (a group name). */
    Object page(QueueItemFilter filter, int limit, String cursor);

    /** The groups a request means: its named groups, or every parked one its filter matches. */
    List<String> targets(BulkRequest bulk);

    /** Retries the group alone and waits for it to run through; a 409 problem if it fails again or takes too long. */
    Canary.Outcome retryCanary(String group, Duration timeout);

    /** Retries the group's failed head; false when it was not parked. */
    boolean retry(String group);

    /** Skips the group's failed head (the event {@code eventId}, if given); false when it was not parked. */
    boolean skip(String group, String eventId);
}
