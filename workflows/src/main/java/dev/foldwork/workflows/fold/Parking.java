package dev.foldwork.workflows.fold;

import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.SkippedEvent;
import dev.foldwork.workflows.FoldSearchAttributes;
import dev.foldwork.workflows.Parked;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Why a group is parked (a fold threw on an event, or persisting failed) and the operator's answer
 * that releases it: retry, or skip the event for the fold that failed on it. A parked group applies
 * nothing until answered. Updates and signals answer before the run has started, so it exists from
 * the workflow's construction.
 */
final class Parking {
    private static final Logger log = Workflow.getLogger(Parking.class);

    private Parked parked;
    private boolean retryAsked;
    private String skipAsked;

    /** The reason the group parks now, or the one a previous run handed over (null: not parked). */
    void park(Parked reason) {
        parked = reason;
    }

    boolean isParked() {
        return parked != null;
    }

    /** Why the group is parked, or null. */
    Parked parked() {
        return parked;
    }

    void askRetry() {
        retryAsked = true;
    }

    void askSkip(String eventId) {
        skipAsked = eventId;
    }

    /** Whether an operator asked for a retry or a skip since the last answer was taken. */
    boolean asked() {
        return retryAsked || skipAsked != null;
    }

    /** True when an operator's answer released the group; a skip it asked for joins the progress's skips. */
    boolean answer(FoldGroupId group, FoldProgress progress) {
        String skip = skipAsked;
        boolean retry = retryAsked;
        skipAsked = null;
        retryAsked = false;
        if (skip != null && (!skip.equals(parked.eventId()) || !parked.skippable())) {
            log.warn("skip of {} ignored: {} is parked at {} ({})", skip, group, parked.eventId(), parked.cause());
            return false;
        }
        if (skip == null && !retry) {
            return false;
        }
        if (skip != null) {
            progress.skip(new SkippedEvent(skip, parked.fold()));
        }
        parked = null;
        return true;
    }

    void validateRetry(FoldGroupId group) {
        if (parked == null) {
            throw new IllegalStateException(group + " is not parked");
        }
    }

    void validateSkip(FoldGroupId group, String eventId) {
        validateRetry(group);
        if (!parked.eventId().equals(eventId)) {
            throw new IllegalArgumentException(group + " is parked at " + parked.eventId() + ", not at " + eventId);
        }
        if (!parked.skippable()) {
            throw new IllegalStateException(group + " is parked because persisting failed (" + parked.reason()
                    + "): its events applied fine, so only a retry resolves it");
        }
    }

    /** The FoldParked search attributes, where the options ask for them (runs recorded before them set none). */
    void show(boolean parkedSearchAttributes) {
        if (parkedSearchAttributes
                && Workflow.getVersion("parked-search-attributes", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.upsertTypedSearchAttributes(FoldSearchAttributes.parked(parked).toArray(SearchAttributeUpdate[]::new));
        }
    }
}
