package dev.foldwork.starter.config;

import dev.foldwork.core.service.EventSourcingService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Every few seconds, dispatches again the stored events whose dispatch failed (Temporal or Redis was down). */
final class WaitingDispatchRetry implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WaitingDispatchRetry.class);
    private static final long EVERY_SECONDS = 5;

    private final EventSourcingService service;
    private ScheduledExecutorService timer;

    WaitingDispatchRetry(EventSourcingService service) {
        this.service = service;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dispatch-retry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::retry, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void retry() {
        try {
            int accepted = service.redispatchWaiting();
            if (accepted > 0) {
                log.info("dispatched {} stored events whose dispatch had failed", accepted);
            }
        } catch (RuntimeException e) {
            log.warn("retrying waiting dispatches failed", e);
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
