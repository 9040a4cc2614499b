package dev.foldwork.starter.http.admin;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.ParkedFoldGroup;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.QueueItemFilter;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.http.admin.QueueAdminController.BulkRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;

/** The fold groups the memory dispatcher parked, all held in this process. */
final class MemoryParked implements ParkedAggregates {
    private final MemoryDispatcher dispatcher;

    MemoryParked(MemoryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public ParkedAggregate.Page page(QueueItemFilter filter, int limit, String cursor) {
        return ParkedAggregate.page(matching(filter), limit, cursor, null, null);
    }

    private List<ParkedAggregate> matching(QueueItemFilter filter) {
        List<ParkedAggregate> matching = new ArrayList<>();
        for (ParkedFoldGroup parked : dispatcher.parked()) {
            ParkedAggregate shown = shown(parked);
            if (filter.matches(shown.group(), shown.error())) {
                matching.add(shown);
            }
        }
        return matching;
    }

    private static ParkedAggregate shown(ParkedFoldGroup parked) {
        return ParkedAggregate.of(parked.group(), parked.fold(), parked.eventId(), parked.reason(), parked.attempts(),
                parked.parkedAtMillis(), null, null);
    }

    @Override
    public List<String> targets(BulkRequest bulk) {
        if (bulk.ids() == null) {
            List<ParkedAggregate> all = ParkedAggregate.page(matching(bulk.filter()), GroupQueueAdmin.MAX_EXAMINED, null, null, null)
                    .items();
            return all.stream().map(ParkedAggregate::group).toList();
        }
        List<String> named = new ArrayList<>();
        for (String group : bulk.ids()) {
            FoldGroupId id = ParkedAggregate.foldGroup(group);
            dispatcher.parked(id).ifPresent(parked -> named.add(JobGroups.fold(id))); // groups not parked are left out
        }
        return named;
    }

    @Override
    public Canary.Outcome retryCanary(String group, Duration timeout) {
        CompletableFuture<Boolean> outcome = dispatcher.retryParked(ParkedAggregate.foldGroup(group))
                .orElseThrow(() -> new ApiException.CanaryFailed("group " + group + " is no longer parked"));
        return Canary.await("parked group " + group, outcome, timeout);
    }

    @Override
    public boolean retry(String group) {
        return dispatcher.retryParked(ParkedAggregate.foldGroup(group)).isPresent();
    }

    /** Each fold consumes the events of the parked batch it fails on (see {@link MemoryDispatcher#skip}). */
    @Override
    public boolean skip(String group, String eventId) {
        FoldGroupId id = ParkedAggregate.foldGroup(group);
        if (eventId != null) {
            Optional<ParkedFoldGroup> parked = dispatcher.parked(id);
            if (parked.isPresent() && !eventId.equals(parked.get().eventId())) {
                throw new ApiException.Refused(HttpStatus.BAD_REQUEST, id + " is parked at " + parked.get().eventId()
                        + ", not at " + eventId);
            }
        }
        return dispatcher.skipParked(id).isPresent();
    }
}
