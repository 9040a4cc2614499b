package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.runtime.CatchUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link CatchUp} in a worker process: once at start-up, then every
 * {@code foldwork.catch-up.interval}. What each pass found and redelivered goes to the metrics
 * {@code foldwork.catchup.*}, so lost deliveries show up on a dashboard instead of in wrong folds.
 */
final class CatchUpLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CatchUpLoop.class);

    private final CatchUp catchUp;
    private final Duration interval;
    private final Counter laggingStreams;
    private final Counter eventsBehind;
    private final Counter eventsRedelivered;
    private final AtomicLong lastBehind = new AtomicLong();
    private ScheduledExecutorService timer;

    CatchUpLoop(CatchUp catchUp, Duration interval, MeterRegistry meters) {
        this.catchUp = catchUp;
        this.interval = interval;
        this.laggingStreams = Counter.builder("foldwork.catchup.lagging.streams")
                .description("streams found with a fold behind the event store").register(meters);
        this.eventsBehind = Counter.builder("foldwork.catchup.events.behind")
                .description("events the lagging folds had not consumed when a pass found them").register(meters);
        this.eventsRedelivered = Counter.builder("foldwork.catchup.events.redelivered")
                .description("events catch-up dispatched again from the store").register(meters);
        meters.gauge("foldwork.catchup.last.behind", lastBehind);
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "catch-up");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            CatchUp.Report report = catchUp.runOnce();
            laggingStreams.increment(report.laggingStreams());
            eventsBehind.increment(report.eventsBehind());
            eventsRedelivered.increment(report.eventsDispatched());
            lastBehind.set(report.eventsBehind());
            if (report.laggingStreams() > 0) {
                log.warn("catch-up: {} of {} streams lagged by {} events; redelivered {} from the store",
                        report.laggingStreams(), report.streamsScanned(), report.eventsBehind(), report.eventsDispatched());
            }
        } catch (RuntimeException e) {
            log.warn("catch-up pass failed; the next one retries", e);
        }
    }

    @Override
    public void stop() {
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
