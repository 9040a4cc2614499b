package dev.foldwork.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    /** A clock the test moves by hand, also backwards. */
    static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void idsAndTimestampsSortInCreationOrderEvenWithinOneMillisecondAndWhenTheClockGoesBack() {
        ManualClock clock = new ManualClock();
        EventIds ids = new EventIds(clock);
        List<EventIds.Stamp> stamps = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                clock.millis.addAndGet(-60_000);
            }
            stamps.add(ids.next());
        }
        for (int i = 1; i < stamps.size(); i++) {
            EventIds.Stamp a = stamps.get(i - 1);
            EventIds.Stamp b = stamps.get(i);
            assertThat(b.timestamp()).isGreaterThanOrEqualTo(a.timestamp());
            if (b.timestamp() == a.timestamp()) {
                assertThat(b.id()).isGreaterThan(a.id());
            }
        }
        assertThat(new HashSet<>(stamps.stream().map(EventIds.Stamp::id).toList())).hasSize(stamps.size());
    }
}
