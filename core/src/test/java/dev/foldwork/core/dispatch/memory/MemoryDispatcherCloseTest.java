package dev.foldwork.core.dispatch.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryDispatcherCloseTest {
    @Test
    void workHandedOverAfterCloseIsDroppedWithoutAnUncaughtException() throws Exception {
        CountDownLatch reacting = new CountDownLatch(1);
        AtomicReference<Thread> reactor = new AtomicReference<>();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
        try {
            Foldwork<MemoryDispatcher> foldwork = Foldwork.inMemory(LedgerPipeline.registry((context, event) -> {
                reactor.set(Thread.currentThread());
                reacting.countDown();
                new CountDownLatch(1).await(); // until close interrupts it: the failed reaction asks for a retry
            }));
            foldwork.service().send(Ledger.entry("t1", "a1", 1, "m"));
            assertThat(reacting.await(10, TimeUnit.SECONDS)).isTrue();

            foldwork.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !reactor.get().isAlive());
            assertThat(uncaught).as("the retry handed to the closed timers").isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
