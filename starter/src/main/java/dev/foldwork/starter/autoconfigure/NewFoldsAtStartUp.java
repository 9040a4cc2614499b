package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.runtime.rebuild.NewFolds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Builds the folds added to a pipeline since the store last saw them ({@link NewFolds}), on a
 * thread of its own once the process is up, so a long build does not hold back start-up; the
 * admin API's rebuild list shows its progress.
 */
final class NewFoldsAtStartUp implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NewFoldsAtStartUp.class);

    private final NewFolds newFolds;
    private Thread builder;

    NewFoldsAtStartUp(NewFolds newFolds) {
        this.newFolds = newFolds;
    }

    @Override
    public void start() {
        builder = new Thread(this::build, "new-folds");
        builder.setDaemon(true);
        builder.start();
    }

    private void build() {
        try {
            newFolds.buildAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("building new folds failed; the next start tries again", e);
        }
    }

    @Override
    public void stop() {
        builder.interrupt();
    }

    @Override
    public boolean isRunning() {
        return builder != null && builder.isAlive();
    }
}
