package dev.foldwork.starter.http.admin;

import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.ParkedGroup;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.redis.groupqueue.QueuePage;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.http.admin.QueueAdminController.BulkRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Redis queue's parked groups (any kind: fold, map, reactor), paged by the queue itself. */
final class RedisParked implements ParkedAggregates {
    private final RedisDispatcher dispatcher;

    RedisParked(RedisDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public QueuePage<ParkedGroup> page(QueueItemFilter filter, int limit, String cursor) {
        return dispatcher.admin().parkedGroups(filter, limit, cursor);
    }

    @Override
    public List<String> targets(BulkRequest bulk) {
        GroupQueueAdmin admin = dispatcher.admin();
        List<String> matching = new ArrayList<>();
        if (bulk.ids() != null) {
            for (String group : bulk.ids()) {
                admin.parkedGroup(QueueAdminController.checkedGroup(group)).ifPresent(parked -> matching.add(parked.group()));
            }
            return matching; // groups not parked are left out
        }
        String cursor = null;
        do {
            QueuePage<ParkedGroup> page = admin.parkedGroups(bulk.filter(), QueueAdminController.MAX_LIMIT, cursor);
            page.items().forEach(parked -> matching.add(parked.group()));
            cursor = page.nextCursor();
        } while (cursor != null && matching.size() < GroupQueueAdmin.MAX_EXAMINED);
        return matching;
    }

    @Override
    public Canary.Outcome retryCanary(String group, Duration timeout) {
        ParkedGroup parked = dispatcher.admin().parkedGroup(group)
                .orElseThrow(() -> new ApiException.CanaryFailed("group " + group + " is no longer parked"));
        return Canary.retryParked(dispatcher.admin(), parked, timeout);
    }

    @Override
    public boolean retry(String group) {
        return dispatcher.admin().retryParked(group);
    }

    /** Moves the failed head job to the dead letters (folds record the skip); the queue's jobs name no event to check. */
    @Override
    public boolean skip(String group, String eventId) {
        return dispatcher.skipParked(group);
    }
}
