package dev.foldwork.redis.dispatch;

import static dev.foldwork.core.testing.LedgerChecks.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reactions go on the queue by reference: a fold state larger than a job body may be still gets
 * every reaction (before, staging the state inline failed, the retry applied nothing and so owed
 * nothing, and every reaction was lost without a dead letter or a park).
 */
class RedisReactionsTest {
    static final TenantId TENANT = TenantId.of("big-state");
    static final int BODY_LIMIT = 20_000;
    static final int ENTRIES = 15;

    private final RedisClient client = LocalRedis.client();
    private Foldwork<RedisDispatcher> es;

    /** Keeps a 2,000-character page per entry: 15 entries make a 30 KB state, over the body limit. */
    record Pages(List<String> pages) {}

    static final class PagesFold implements FoldProjection<Pages> {
        @Override
        public String name() {
            return "entry_pages";
        }

        @Override
        public Class<Pages> stateType() {
            return Pages.class;
        }

        @Override
        public Pages init() {
            return new Pages(List.of());
        }

        @Override
        public Pages apply(Pages state, Event event) {
            List<String> pages = new ArrayList<>(state.pages());
            pages.add(event.data().path("memo").asText() + "x".repeat(2_000));
            return new Pages(pages);
        }
    }

    record Seen(String eventId, int pages) {}

    @AfterEach
    void stop() {
        if (es != null) {
            es.close();
            LocalRedis.deleteQueue(client, es.dispatcher().queue().keys().queue());
        }
        client.shutdown();
    }

    @Test
    void aFoldStateOverTheBodyLimitStillGetsEveryReaction() {
        PagesFold fold = new PagesFold();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        Reactor<Pages> watcher = new Reactor<>() {
            @Override
            public String name() {
                return "pages_watch";
            }

            @Override
            public void react(Event event, ReactorContext<Pages> context) {
                seen.add(new Seen(event.id(), context.state().pages().size()));
            }
        };
        Pipeline pipeline = Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                .fold(fold).reactor(fold, watcher).build();
        es = RedisFoldwork.start(client, LocalRedis.uniqueQueue("big-state"), PipelineRegistry.of(pipeline),
                new MemoryEventStore(), new MemoryFoldStore(), new MemoryAppendStore(),
                GroupQueueOptions.defaults().withConcurrency(4).withMaxBodyBytes(BODY_LIMIT), RedisDispatcherTest.QUICK);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= ENTRIES; i++) {
            sent.add(es.service().send(entry(TENANT, "big", i, "page-" + i)).get(0).id());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= ENTRIES);
        assertThat(seen).extracting(Seen::eventId).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen).as("each reaction reads a state that holds its event").allMatch(s -> s.pages() >= 1);
        assertThat(es.foldStore().get(TENANT, fold.name(), "big").orElseThrow().state().toString().length())
                .as("the state's size").isGreaterThan(BODY_LIMIT);
        GroupQueueAdmin admin = es.dispatcher().admin();
        assertThat(admin.parkedGroups()).isEmpty();
        assertThat(admin.snapshot().deadLetters()).isZero();
    }
}
