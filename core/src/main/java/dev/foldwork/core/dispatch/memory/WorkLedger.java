package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.dispatch.DeadLetter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The units of work the memory dispatcher owes (events in fold groups and map lanes, reactor
 * calls) until each is done or dead-lettered, so that a caller can wait until none is left.
 */
final class WorkLedger {
    private final AtomicLong outstanding = new AtomicLong();
    private final Object idle = new Object();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    void owe(long units) {
        outstanding.addAndGet(units);
    }

    void done(long units) {
        if (units != 0 && outstanding.addAndGet(-units) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Work given up after its last attempt: kept as a dead letter, and no longer owed. */
    void deadLetter(String kind, String description, int attempts, Exception error, int units) {
        deadLetters.add(new DeadLetter(kind, description, attempts, error.toString()));
        done(units);
    }

    long outstanding() {
        return outstanding.get();
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Waits until no unit is owed; false if some still are after {@code timeout}. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }
}
