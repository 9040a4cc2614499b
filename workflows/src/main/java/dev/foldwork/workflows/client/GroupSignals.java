package dev.foldwork.workflows.client;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One group's events waiting for a signal. FIFO with at most one signal in flight, so the
 * workflow receives them in dispatch order; whatever queues up meanwhile leaves as the next
 * signal. Once drained it retires, and the dispatcher makes a fresh one for the next event.
 */
final class GroupSignals {
    /** Events of one dispatch call (or part of one), their estimated size, and the caller's future. */
    record Chunk(List<Event> events, long bytes, CompletableFuture<Void> accepted) {}

    enum Offer { QUEUED, START, RETIRED }

    final FoldGroupId id;
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean retired;

    GroupSignals(FoldGroupId id) {
        this.id = id;
    }

    /** START means the caller must schedule the first send; RETIRED means use a fresh instance. */
    synchronized Offer offer(List<Chunk> chunks) {
        if (retired) {
            return Offer.RETIRED;
        }
        waiting.addAll(chunks);
        if (busy) {
            return Offer.QUEUED;
        }
        busy = true;
        return Offer.START;
    }

    /** The next signal's chunks: whole chunks up to {@code maxEvents} events and {@code maxBytes}, at least one. */
    synchronized List<Chunk> take(int maxEvents, long maxBytes) {
        List<Chunk> taken = new ArrayList<>();
        int events = 0;
        long bytes = 0;
        while (!waiting.isEmpty() && (taken.isEmpty() || (events + waiting.peekFirst().events().size() <= maxEvents
                && bytes + waiting.peekFirst().bytes() <= maxBytes))) {
            Chunk chunk = waiting.pollFirst();
            events += chunk.events().size();
            bytes += chunk.bytes();
            taken.add(chunk);
        }
        return taken;
    }

    /** True while chunks wait behind the ones taken: the sender is ahead of the workflow. */
    synchronized boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /**
     * After a signal failed for good: the chunks waiting behind it fail too (sent later, they would
     * overtake the lost ones; their events are stored, so catch-up delivers all of them in order),
     * and the group retires.
     */
    synchronized void failWaiting(Throwable cause) {
        for (Chunk chunk : waiting) {
            chunk.accepted().completeExceptionally(new IllegalStateException(
                    "not sent: an earlier signal to " + id + " failed for good; catch-up delivers these events", cause));
        }
        waiting.clear();
        busy = false;
        retired = true;
    }

    /** After a signal: true if more waits to be sent now; false if the group retired. */
    synchronized boolean sentOne() {
        if (waiting.isEmpty()) {
            busy = false;
            retired = true;
            return false;
        }
        return true;
    }
}
