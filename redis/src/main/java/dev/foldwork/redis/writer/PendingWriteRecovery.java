package dev.foldwork.redis.writer;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes writes whose writer did not: a process that died (or stalls) after the sequence script
 * left a record with the events' seqs. Every {@code recoveryInterval} this claims the records
 * older than {@code recoverAfter} under a lease, stores and dispatches them, and forgets them.
 * Storing is idempotent, so a writer that was only paused and finishes later changes nothing.
 */
public final class PendingWriteRecovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendingWriteRecovery.class);
    private static final int CLAIM_BATCH = 100;

    private final PendingWrites pending;
    private final RedisStreamWriterOptions options;
    private ScheduledExecutorService loop;

    PendingWriteRecovery(PendingWrites pending, RedisStreamWriterOptions options) {
        this.pending = pending;
        this.options = options;
    }

    /** Runs {@link #recoverDue} every {@code recoveryInterval} on a thread of its own. */
    public synchronized PendingWriteRecovery start() {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "foldwork-write-recovery");
                thread.setDaemon(true);
                return thread;
            });
            long every = options.recoveryInterval().toMillis();
            loop.scheduleWithFixedDelay(this::recoverQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stores, dispatches and forgets the writes due for recovery now; returns how many it finished. */
    public int recoverDue() {
        int finished = 0;
        List<PendingWrite> due;
        do {
            due = pending.claimDue(options.recoveryLease().toMillis(), CLAIM_BATCH);
            for (PendingWrite write : due) {
                pending.complete(write); // a failure leaves it pending; it is claimed again after the lease
                finished++;
            }
        } while (due.size() == CLAIM_BATCH);
        if (finished > 0) {
            log.warn("recovered " + finished + " writes whose writers did not store them within " + options.recoverAfter());
        }
        return finished;
    }

    private void recoverQuietly() {
        try {
            recoverDue();
        } catch (RuntimeException e) {
            log.warn("recovering pending writes failed; trying again in " + options.recoveryInterval(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
