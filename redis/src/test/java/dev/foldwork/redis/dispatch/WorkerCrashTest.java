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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL a worker process in the middle of a stream, start another: its groups run again after
 * their lease lapses, and the fold's exactly-once guard keeps re-run events from being applied
 * twice, so every fold state equals a sequential fold of the event store.
 */
class WorkerCrashTest {
    static final TenantId TENANT = TenantId.of("crash");
    static final int ACCOUNTS = 30;
    static final int ENTRIES = 40;

    @Test
    void aKilledWorkersGroupsRunAgainAndNothingIsAppliedTwice() throws Exception {
        String queue = LocalRedis.uniqueQueue("crash");
        RedisClient client = LocalRedis.client();
        MemoryEventStore events = new MemoryEventStore();
        RedisFoldStore folds = new RedisFoldStore(client.connect().sync(), new QueueKeys(queue).prefix());
        try (Foldwork<RedisDispatcher> web = RedisFoldwork.start(client, queue, LedgerPipeline.registry((c, e) -> {}),
                events, folds, new MemoryAppendStore(), GroupQueueOptions.defaults(), RedisDispatcherOptions.defaults(ProcessRole.WEB))) {
            CompletableFuture<Void> sending;
            try (ChildJvm first = ChildJvm.start(LedgerWorkerMain.class, queue, "1000")) {
                sending = CompletableFuture.runAsync(() -> LedgerTraffic.send(web, TENANT, ACCOUNTS, 0, ENTRIES));
                // kill mid-stream, while the worker holds groups it has not reported back: frozen first,
                // so that it cannot finish the groups it holds between the look and the kill
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    if (LedgerTraffic.applied(folds, TENANT, ACCOUNTS) <= ACCOUNTS * 5) {
                        return false;
                    }
                    first.pause();
                    if (web.dispatcher().admin().snapshot().activeGroups() > 0) {
                        return true;
                    }
                    first.resume();
                    return false;
                });
                first.kill();
            }
            assertThat(web.dispatcher().admin().snapshot().activeGroups()).as("groups left active by the dead worker").isPositive();
            assertThat(LedgerTraffic.applied(folds, TENANT, ACCOUNTS)).as("applied when the worker died")
                    .isLessThan(ACCOUNTS * ENTRIES);
            sending.join();
            try (ChildJvm second = ChildJvm.start(LedgerWorkerMain.class, queue, "1000")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> web.dispatcher().admin().snapshot().depth() == 0);
                for (int a = 0; a < ACCOUNTS; a++) {
                    String account = "acct-" + a;
                    assertThat(storedBalance(folds, TENANT, account)).as(account)
                            .contains(sequentialBalance(events, TENANT, account));
                }
                assertThat(LedgerTraffic.applied(folds, TENANT, ACCOUNTS)).isEqualTo(ACCOUNTS * ENTRIES);
            }
        } finally {
            LocalRedis.deleteQueue(client, queue);
            client.shutdown();
        }
    }
}
