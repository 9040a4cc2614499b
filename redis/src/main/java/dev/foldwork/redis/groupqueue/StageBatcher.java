package dev.foldwork.redis.groupqueue;

import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for staging: callers hand in their jobs and get a future; one thread stages
 * everything that waits as one script call, then the next batch. A submission is never split
 * across calls (all or none), and submissions are staged in the order {@link #submit} was called,
 * which fixes the order of every group. A call that failed because the connection dropped
 * (its outcome unknown) is sent again, before anything behind it, for up to {@link #RETRY_WINDOW}:
 * staging is at-least-once, and a job may be staged twice when Redis had run the first call.
 */
public final class StageBatcher implements AutoCloseable {
    static final Duration RETRY_WINDOW = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(StageBatcher.class);

    private record Submission(List<StagedJob> jobs, CompletableFuture<Void> staged, long bytes) {}

    private final GroupQueue queue;
    private final LinkedBlockingQueue<Submission> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    public StageBatcher(GroupQueue queue) {
        this.queue = queue;
        this.thread = new Thread(this::loop, "groupqueue-stage-" + queue.keys().queue());
        thread.setDaemon(true);
        thread.start();
    }

    /** Checks the jobs at once (throws before anything is staged) and queues them for staging. */
    public CompletableFuture<Void> submit(List<StagedJob> jobs) {
        long bytes = jobs.stream().mapToLong(queue::check).sum();
        if (!open) {
            throw new IllegalStateException("the stage batcher of queue " + queue.keys().queue() + " is closed");
        }
        Submission submission = new Submission(List.copyOf(jobs), new CompletableFuture<>(), bytes);
        if (jobs.isEmpty()) {
            submission.staged.complete(null);
        } else {
            waiting.add(submission);
        }
        return submission.staged;
    }

    private void loop() {
        int max = queue.options().maxStageBatch();
        long maxBytes = queue.options().maxStageBytes();
        while (open || !waiting.isEmpty()) {
            Submission first;
            try {
                first = waiting.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            List<Submission> batch = new ArrayList<>();
            List<StagedJob> jobs = new ArrayList<>(first.jobs);
            long bytes = first.bytes;
            batch.add(first);
            Submission next;
            while (jobs.size() < max && (next = waiting.peek()) != null && jobs.size() + next.jobs.size() <= max
                    && bytes + next.bytes <= maxBytes) {
                batch.add(waiting.poll());
                jobs.addAll(next.jobs);
                bytes += next.bytes;
            }
            try {
                stage(jobs);
                batch.forEach(s -> s.staged.complete(null));
            } catch (RuntimeException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                batch.forEach(s -> s.staged.completeExceptionally(cause));
            }
        }
    }

    private void stage(List<StagedJob> jobs) {
        long deadline = System.nanoTime() + RETRY_WINDOW.toNanos();
        long backoffMillis = 20;
        while (true) {
            try {
                queue.stage(jobs).join();
                return;
            } catch (CompletionException e) {
                // Redis answered with an error: sending it again would fail the same way
                if (e.getCause() instanceof RedisCommandExecutionException || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("staging on queue " + queue.keys().queue() + " failed (" + e.getCause() + "); sending again");
            }
            try {
                Thread.sleep(backoffMillis); // backoff while the connection comes back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while staging", e);
            }
            backoffMillis = Math.min(backoffMillis * 2, 1000);
        }
    }

    /** Stages what was already submitted, then stops. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Submission late;
        while ((late = waiting.poll()) != null) {
            late.staged.completeExceptionally(new IllegalStateException("the stage batcher closed before staging these jobs"));
        }
    }
}
