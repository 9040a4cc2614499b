package dev.foldwork.core.service;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids and timestamps that sort in the order they were made within this process: a
 * UUIDv7 layout (48 bits of milliseconds, a 12-bit counter, random bits) with a clock that
 * never goes backwards. Stores order by (timestamp, id), so a handler's events keep their order.
 */
public final class EventIds {
    public record Stamp(String id, long timestamp) {}

    private static final int COUNTER_BITS = 12;

    private final Clock clock;
    // (milliseconds << 12) | counter of the last stamp; a full counter rolls into the next millisecond.
    private final AtomicLong last = new AtomicLong();

    public EventIds(Clock clock) {
        this.clock = clock;
    }

    public Stamp next() {
        long stamp = last.updateAndGet(previous -> Math.max(clock.millis() << COUNTER_BITS, previous + 1));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long high = (millis << 16) | 0x7000L | counter;
        // Random bits make ids unique across processes; they need not be secret.
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Stamp(new UUID(high, low).toString(), millis);
    }
}
