package dev.foldwork.core.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Event ids and timestamps that sort in the order they were made within this process: a
 * UUIDv7 layout (48 bits of milliseconds, then a counter, then random bits) with a clock that
 * never goes backwards. Stores order by (timestamp, id), so a handler's events keep their order.
 */
public final class EventIds {
    public record Stamp(String id, long timestamp) {}

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private long counter;

    public EventIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized Stamp next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (++counter > 0xFFF) {
            lastMillis++; // 4,096 ids in one millisecond: borrow the next millisecond.
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Stamp(new UUID(high, low).toString(), lastMillis);
    }
}
