package dev.foldwork.starter.autoconfigure;

import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the Temporal fold worker once the whole context is up (so reactors find the service
 * bound), and stops it, letting running tasks finish, before the stores close.
 */
public final class FoldWorkerLifecycle implements SmartLifecycle {
    private final WorkerFactory factory;
    private volatile boolean running;

    public FoldWorkerLifecycle(WorkerFactory factory) {
        this.factory = factory;
    }

    @Override
    public void start() {
        factory.start();
        running = true;
    }

    @Override
    public void stop() {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
