package dev.foldwork.redis.groupqueue;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher loop of one process. One thread claims ready groups (as many as it has free
 * slots, in one script call), hands each to a worker thread that runs the group's jobs in order,
 * reports finished groups back in one script call, and renews the leases of groups still
 * running. When nothing is ready it waits for a finished group, a due time, or a wake-up token a
 * stage pushed (a second thread blocks on the queue's wake-up list while this process has free
 * slots), so it does not poll Redis while its groups run. Failed jobs are retried
 * with the handler's backoff (jittered by up to 20%); after the last attempt, or at once when
 * the failure is permanent ({@link PermanentJobException}), they are dead-lettered or park their group.
 * A group whose lease another claim took over is marked lost ({@link Lease}) and its run stops at
 * the next job; the renewal that learns it gives back the attempt the lapse cost. Intervals are timed on the monotonic clock, so a stepped wall clock changes nothing.
 */
public final class GroupQueueConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupQueueConsumer.class);
    private static final int MAX_ERROR_CHARS = 4000;
    private static final long METRICS_EVERY_MILLIS = 5000;
    /** What close() waits for running groups, inside Kubernetes' default 30 s grace period. */
    private static final long CLOSE_WAIT_MILLIS = 20_000;
    /** Backoff after a failure outside the handler's run, where the handler's own rule is not to be trusted. */
    private static final long UNEXPECTED_FAILURE_BACKOFF_MILLIS = 5_000;
    private static final int UNEXPECTED_FAILURES_BEFORE_PARKING = 25;

    private final GroupQueue queue;
    private final JobHandler handler;
    private final GroupQueueAdmin admin;
    private final int concurrency;
    private final ExecutorService workers;
    private final Map<String, ClaimedGroup> running = new ConcurrentHashMap<>();
    /** Finished groups' outcomes, and {@link #WAKE} when a stage may have made a group ready. */
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private static final Object WAKE = new Object();
    private final Object slotFreed = new Object();
    private final List<GroupOutcome> unreported = new ArrayList<>();
    private final StatefulRedisConnection<String, String> blocking;
    private final Thread loop;
    private final Thread waker;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private long lastExtendNanos = System.nanoTime();
    private long lastMetricsNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(METRICS_EVERY_MILLIS);

    public GroupQueueConsumer(GroupQueue queue, JobHandler handler) {
        this.queue = queue;
        this.handler = handler;
        this.admin = new GroupQueueAdmin(queue);
        this.concurrency = queue.options().concurrency();
        AtomicInteger threads = new AtomicInteger();
        String name = queue.keys().queue();
        this.workers = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "groupqueue-" + name + "-worker-" + threads.incrementAndGet()));
        this.blocking = queue.openBlockingConnection();
        this.loop = daemon(this::loop, "groupqueue-" + name + "-loop");
        this.waker = daemon(this::wakeLoop, "groupqueue-" + name + "-waker");
        loop.start();
        waker.start();
    }

    /** Groups claimed by this process and not yet reported back. */
    public int running() {
        return running.size();
    }

    private void loop() {
        while ((!stopping || !running.isEmpty()) && !abandoned) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("group queue " + queue.keys().queue() + ": " + e + "; trying again", e);
                awaitInbox(200);
            }
        }
    }

    private void step() {
        drainInbox();
        if (!unreported.isEmpty()) {
            queue.complete(unreported).join();
            unreported.forEach(o -> running.remove(o.claim().token()));
            unreported.clear();
            synchronized (slotFreed) {
                slotFreed.notifyAll();
            }
        }
        long nowNanos = System.nanoTime();
        long leaseMillis = queue.options().lease().toMillis();
        if (millisSince(lastExtendNanos, nowNanos) >= leaseMillis / 3) {
            if (!running.isEmpty()) {
                markLost(queue.extend(List.copyOf(running.values())).join());
            }
            lastExtendNanos = nowNanos;
        }
        if (millisSince(lastMetricsNanos, nowNanos) >= METRICS_EVERY_MILLIS) {
            admin.trimDeadLetters(queue.options().deadLetterMaxCount(), queue.options().deadLetterMaxAge());
            queue.metrics().refresh(admin.snapshot());
            lastMetricsNanos = nowNanos;
        }
        int free = concurrency - running.size();
        if (stopping || free == 0) {
            awaitInbox(leaseMillis / 3);
            return;
        }
        GroupQueue.Claim claim = queue.claim(free);
        for (ClaimedGroup group : claim.groups()) {
            queue.metrics().waited(handler.kind(group.group()), group.waitedMillis());
            running.put(group.token(), group);
            workers.execute(() -> inbox.add(outcomeOf(group)));
        }
        if (!claim.groups().isEmpty()) {
            return;
        }
        long idle = queue.options().idlePoll().toMillis();
        // nextWakeMillis is Redis time; the local wall clock only estimates how far off it is
        long untilDue = claim.nextWakeMillis() < 0 ? idle : Math.max(1, claim.nextWakeMillis() - System.currentTimeMillis());
        // running groups' leases are renewed on time even when the lease is shorter than idlePoll
        long untilExtend = running.isEmpty() ? idle : Math.max(1, leaseMillis / 3 - millisSince(lastExtendNanos, System.nanoTime()));
        awaitInbox(Math.min(idle, Math.min(untilDue, untilExtend)));
    }

    /**
     * Turns wake-up tokens into {@link #WAKE}s for the loop. It takes tokens only while this
     * process has a free slot, so a busy process leaves them to others.
     */
    private void wakeLoop() {
        while (!stopping && !abandoned) {
            try {
                if (running.size() >= concurrency) {
                    synchronized (slotFreed) {
                        slotFreed.wait(queue.options().idlePoll().toMillis());
                    }
                    continue;
                }
                if (queue.awaitWake(blocking, queue.options().idlePoll().toMillis())) {
                    inbox.add(WAKE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopping || abandoned) {
                    return; // close() closed the connection under the blocking read
                }
                LOG.warn("group queue " + queue.keys().queue() + ": waiting for wake-ups failed: " + e, e);
                inbox.add(WAKE); // the loop claims on its own while this connection recovers
                try {
                    synchronized (slotFreed) {
                        slotFreed.wait(200);
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void drainInbox() {
        List<Object> items = new ArrayList<>();
        inbox.drainTo(items);
        items.forEach(this::take);
    }

    private void take(Object item) {
        if (item instanceof GroupOutcome outcome) {
            unreported.add(outcome);
        }
    }

    private static long millisSince(long startNanos, long nowNanos) {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos - startNanos);
    }

    private void markLost(List<String> lostGroups) {
        for (ClaimedGroup group : running.values()) {
            if (lostGroups.contains(group.group()) && group.lease().held()) {
                group.lease().markLost();
                LOG.warn("group queue " + queue.keys().queue() + ": lost the lease of group " + group.group()
                        + " (it lapsed while this process was stalled or cut off from Redis); its run stops");
            }
        }
    }

    /**
     * The group's outcome, whatever goes wrong on this thread: a bug outside the handler's run (its
     * failure rule, a bad count) fails this attempt and is reported, and never wedges the group
     * with its lease renewed forever.
     */
    private GroupOutcome outcomeOf(ClaimedGroup claim) {
        try {
            return run(claim);
        } catch (RuntimeException | Error e) {
            ClaimedJob head = claim.jobs().get(0);
            int attempts = head.failedAttempts() + 1;
            LOG.error("group queue " + queue.keys().queue() + ": running group " + claim.group()
                    + " failed outside its handler (attempt " + attempts + ")", e);
            GroupOutcome.Action action = attempts >= UNEXPECTED_FAILURES_BEFORE_PARKING
                    ? GroupOutcome.Action.PARK : GroupOutcome.Action.RETRY;
            return new GroupOutcome(claim, List.of(), new GroupOutcome.Failure(head.id(), action, attempts,
                    truncate("failed outside the job handler: " + e), UNEXPECTED_FAILURE_BACKOFF_MILLIS));
        }
    }

    private GroupOutcome run(ClaimedGroup claim) {
        ClaimedJob head = claim.jobs().get(0);
        JobHandler.FailureRule headRule = handler.failureRule(head);
        if (headRule.policy().exhausted(head.failedAttempts())) {
            // only lapsed leases get here: the job's worker stopped during its last attempts
            return new GroupOutcome(claim, List.of(), new GroupOutcome.Failure(head.id(), headRule.whenExhausted(),
                    head.failedAttempts(), "its worker stopped during its last attempt (the lease lapsed)", 0));
        }
        JobHandler.GroupRun run;
        long started = System.nanoTime();
        try {
            run = handler.run(claim);
        } catch (RuntimeException | Error e) {
            run = new JobHandler.GroupRun(0, e instanceof Exception ex ? ex : new RuntimeException(e));
        }
        queue.metrics().ran(handler.kind(claim.group()), System.nanoTime() - started);
        if (run.completed() < 0 || run.completed() > claim.jobs().size()) {
            throw new IllegalStateException("the handler reported " + run.completed() + " completed jobs of "
                    + claim.jobs().size() + " claimed");
        }
        List<String> done = claim.jobs().subList(0, run.completed()).stream().map(ClaimedJob::id).toList();
        if (run.error() == null || run.completed() >= claim.jobs().size()) {
            return new GroupOutcome(claim, done, null);
        }
        ClaimedJob failed = claim.jobs().get(run.completed());
        JobHandler.FailureRule rule = handler.failureRule(failed);
        int attempts = failed.failedAttempts() + 1;
        String error = truncate(run.error().toString());
        GroupOutcome.Failure failure = rule.policy().exhausted(attempts) || run.error() instanceof PermanentJobException
                ? new GroupOutcome.Failure(failed.id(), rule.whenExhausted(), attempts, error, 0)
                : new GroupOutcome.Failure(failed.id(), GroupOutcome.Action.RETRY, attempts, error,
                        jittered(rule.policy().backoff(attempts).toMillis()));
        return new GroupOutcome(claim, done, failure);
    }

    /** Within 20% of {@code millis}, so groups that failed together do not all come back together. */
    private static long jittered(long millis) {
        return Math.round(millis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }

    /** Waits up to {@code millis} for a finished group or a wake-up. */
    private void awaitInbox(long millis) {
        try {
            Object item = inbox.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
            if (item != null) {
                take(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /**
     * Stops claiming, lets running groups finish (for up to 20 s; a group still running after that
     * is taken over by another worker when its lease lapses) and reports them, then stops.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            loop.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned = true;
        workers.shutdownNow();
        blocking.close();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
