package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.workflows.Parked;
import io.temporal.workflow.Workflow;

/**
 * The run's current details in the Temporal UI: how far it got, what waits, and, when parked,
 * why and how an operator releases it.
 */
final class RunDetails {
    private final FoldProgress progress;
    private final EventQueue queue;
    private final StreamAppends appends;
    private final SideWork sideWork;
    private final Parking parking;

    /** {@code appends}: null for a global group, which writes no stream. */
    RunDetails(FoldProgress progress, EventQueue queue, StreamAppends appends, SideWork sideWork, Parking parking) {
        this.progress = progress;
        this.queue = queue;
        this.appends = appends;
        this.sideWork = sideWork;
        this.parking = parking;
    }

    void show() {
        StringBuilder details = new StringBuilder()
                .append("applied ").append(progress.applied()).append(" events");
        Event last = progress.last();
        if (last != null) {
            details.append("; last ").append(last.id()).append(" (").append(last.type()).append(')');
        }
        details.append("; queued ").append(queue.size());
        String waitingForStore = appends == null ? null : appends.waitingForStore();
        if (waitingForStore != null) {
            details.append("; ").append(waitingForStore);
        }
        if (sideWork.pendingReactions() > 0) {
            details.append("; debounced reactions pending ").append(sideWork.pendingReactions());
        }
        Parked parked = parking.parked();
        if (parked != null) {
            details.append("\nPARKED at ").append(parked.eventId()).append(" by fold ").append(parked.fold())
                    .append(": ").append(parked.reason())
                    .append(parked.skippable() ? " (update retryParked, or skipParked with the event id)"
                            : " (update retryParked)");
        }
        Workflow.setCurrentDetails(details.toString());
    }
}
