package dev.foldwork.starter.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.redis.dispatch.JobGroups;
import dev.foldwork.starter.problem.ApiException;
import java.util.List;

/**
 * A parked aggregate of the memory or Temporal mode as the admin API shows it: the fields of
 * the Redis mode's parked groups that apply ({@code group}, {@code error}; {@code attempts} and
 * {@code parkedAtMillis} in the memory mode) and what these modes know besides: the fold
 * ({@code projection}) that failed on {@code eventId}, whether a skip may resolve it, and the
 * Temporal workflow. Fields that do not apply are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ParkedAggregate(String group, String tenant, String kind, String pipeline, String aggregateType, String aggregateId,
                       String projection, String eventId, String error, Integer attempts, Long parkedAtMillis,
                       Boolean skippable, String workflowId) {

    static ParkedAggregate of(FoldGroupId id, String fold, String eventId, String error, Integer attempts, Long parkedAtMillis,
                              Boolean skippable, String workflowId) {
        return new ParkedAggregate(JobGroups.fold(id), id.tenantId().value(), "fold", id.pipeline(), id.aggregateType().value(),
                id.aggregateKey(), fold, eventId, error, attempts, parkedAtMillis, skippable, workflowId);
    }

    /** A page of the memory or Temporal mode; {@code examined} and {@code complete} say how much a bounded scan saw. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<ParkedAggregate> items, String nextCursor, Integer examined, Boolean complete) {}

    /** Sorted by group: the page after {@code cursor} (a group name, or null for the first). */
    static Page page(List<ParkedAggregate> matching, int limit, String cursor, Integer examined, Boolean complete) {
        List<ParkedAggregate> after = matching.stream()
                .filter(parked -> cursor == null || parked.group().compareTo(cursor) > 0)
                .sorted(java.util.Comparator.comparing(ParkedAggregate::group))
                .toList();
        List<ParkedAggregate> items = after.subList(0, Math.min(limit, after.size()));
        String next = after.size() > limit ? items.get(items.size() - 1).group() : null;
        return new Page(items, next, examined, complete);
    }

    /** The fold group a group name {@code <tenant>:fold:<pipeline>:<aggregateType>:<aggregateId>} names; 400 if none. */
    static FoldGroupId foldGroup(String group) {
        String[] parts = QueueAdminController.checkedGroup(group).split(":", 5);
        if (parts.length < 5 || !parts[1].equals("fold")) {
            throw new ApiException.Malformed("group \"" + group + "\" names no fold group; parked aggregates are "
                    + "<tenant>:fold:<pipeline>:<aggregateType>:<aggregateId>");
        }
        try {
            return new FoldGroupId(TenantId.of(parts[0]), parts[2], AggregateType.of(parts[3]), parts[4]);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Malformed("group \"" + group + "\": " + e.getMessage());
        }
    }
}
