package dev.foldwork.redis.dispatch;

import static dev.foldwork.core.testing.LedgerChecks.sequentialBalance;
import static dev.foldwork.core.testing.LedgerChecks.storedBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.testing.ChildJvm;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.groupqueue.QueueKeys;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker paused past its lease (SIGSTOP: a GC or VM pause, a partition) while another worker
 * takes its groups over and applies more than 100 newer events to each; then it resumes
 * (SIGCONT) and finishes what it held. Whatever it writes then was computed from older states, so
 * it loses to the newer versions, and whatever it runs again is skipped by seq: every fold still
 * equals a sequential fold of the event store.
 */
class StaleWorkerTest {
    static final TenantId TENANT = TenantId.of("stale");
    static final int ACCOUNTS = 10;

    @Test
    void aWorkerResumedAfterItsLeaseLapsedLeavesEveryFoldCorrect() throws Exception {
        String queue = LocalRedis.uniqueQueue("stale");
        RedisClient client = LocalRedis.client();
        MemoryEventStore events = new MemoryEventStore();
        RedisFoldStore folds = new RedisFoldStore(client.connect().sync(), new QueueKeys(queue).prefix());
        try (Foldwork<RedisDispatcher> web = RedisFoldwork.start(client, queue, LedgerPipeline.registry((c, e) -> {}),
                events, folds, new MemoryAppendStore(), GroupQueueOptions.defaults(), RedisDispatcherOptions.defaults(ProcessRole.WEB));
             ChildJvm stale = ChildJvm.start(LedgerWorkerMain.class, queue, "1000")) {
            LedgerTraffic.send(web, TENANT, ACCOUNTS, 0, 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> LedgerTraffic.applied(folds, TENANT, ACCOUNTS) > ACCOUNTS * 3
                    && web.dispatcher().admin().snapshot().activeGroups() > 0);
            signal("STOP", stale.pid());
            long appliedWhenPaused = LedgerTraffic.applied(folds, TENANT, ACCOUNTS);
            try (ChildJvm fresh = ChildJvm.start(LedgerWorkerMain.class, queue, "1000")) {
                LedgerTraffic.send(web, TENANT, ACCOUNTS, 20, 140);
                await().atMost(Duration.ofSeconds(90)).until(() -> LedgerTraffic.applied(folds, TENANT, ACCOUNTS)
                        >= appliedWhenPaused + ACCOUNTS * 100L);
                signal("CONT", stale.pid());
                await().atMost(Duration.ofSeconds(90)).until(() -> web.dispatcher().admin().snapshot().depth() == 0
                        && web.dispatcher().admin().snapshot().activeGroups() == 0);
                for (int a = 0; a < ACCOUNTS; a++) {
                    String account = "acct-" + a;
                    assertThat(storedBalance(folds, TENANT, account)).as(account)
                            .contains(sequentialBalance(events, TENANT, account));
                }
                assertThat(LedgerTraffic.applied(folds, TENANT, ACCOUNTS)).isEqualTo(ACCOUNTS * 140L);
            }
        } finally {
            LocalRedis.deleteQueue(client, queue);
            client.shutdown();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
    }
}
