package dev.foldwork.redis.dispatch;

import static dev.foldwork.core.testing.LedgerChecks.entry;
import static dev.foldwork.core.testing.LedgerChecks.sequentialBalance;
import static dev.foldwork.core.testing.LedgerChecks.storedBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.groupqueue.JobTooLargeException;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis dispatch mode end to end: service, local Redis, memory stores, core's runtime. */
class RedisDispatcherTest {
    static final TenantId TENANT = TenantId.of("acme");
    static final GroupQueueOptions QUEUE = GroupQueueOptions.defaults().withConcurrency(8).withLease(Duration.ofSeconds(5));
    static final RedisDispatcherOptions QUICK = RedisDispatcherOptions.defaults(ProcessRole.WORKER).withRetries(
            new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
            new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
            new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)));

    private final RedisClient client = LocalRedis.client();
    private final List<Foldwork<RedisDispatcher>> started = new ArrayList<>();
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore appends = new MemoryAppendStore();

    private Foldwork<RedisDispatcher> start(String queue, PipelineRegistry registry, RedisDispatcherOptions options) {
        Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, queue, registry, events, folds, appends, QUEUE, options);
        started.add(es);
        return es;
    }

    @AfterEach
    void cleanUp() {
        started.forEach(Foldwork::close);
        started.forEach(es -> LocalRedis.deleteQueue(client, es.dispatcher().queue().keys().queue()));
        client.shutdown();
    }

    @Test
    void foldsMapsAndReactorsRunAndFoldsEqualASequentialFold() throws Exception {
        List<Event> reacted = new CopyOnWriteArrayList<>();
        Foldwork<RedisDispatcher> es = start(LocalRedis.uniqueQueue("e2e"),
                LedgerPipeline.registry((context, event) -> reacted.add(event)), QUICK);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int sender = s;
            sent.add(senders.submit(() -> {
                for (int round = 0; round < 30; round++) {
                    for (int a = sender; a < 20; a += 4) {
                        es.service().send(entry(TENANT, "acct-" + a, round * 7L + a, "r" + round));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> reacted.size() == 600);
        for (int a = 0; a < 20; a++) {
            String account = "acct-" + a;
            assertThat(storedBalance(folds, TENANT, account)).contains(sequentialBalance(events, TENANT, account));
            assertThat(appends.read(TENANT, LedgerPipeline.ENTRY_LOG.name(), account)).hasSize(30);
        }
        String month = LedgerPipeline.MONTHLY_VOLUME.key(reacted.get(0)).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> folds.get(TENANT, "monthly_volume", month)
                .map(s -> s.state().path("entries").asLong()).orElse(0L) == 600);
        await().atMost(Duration.ofSeconds(10)).until(() -> es.dispatcher().admin().snapshot().depth() == 0);
    }

    @Test
    void aPoisonEventParksItsFoldGroupUntilSkipped() throws Exception {
        Foldwork<RedisDispatcher> es = start(LocalRedis.uniqueQueue("poison"), LedgerPipeline.registry((c, e) -> {}), QUICK);
        es.service().send(entry(TENANT, "a", 5, "ok"));
        es.service().send(entry(TENANT, "a", 100, "poison"));
        es.service().send(entry(TENANT, "a", 7, "after"));
        es.service().send(entry(TENANT, "b", 1, "other"));

        String group = JobGroups.fold(new FoldGroupId(TENANT, LedgerPipeline.NAME, AggregateType.of("account"), "a"));
        GroupQueueAdmin admin = es.dispatcher().admin();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.parkedGroups().size() == 1);
        assertThat(admin.parkedGroups().get(0).group()).isEqualTo(group);
        assertThat(admin.parkedGroups().get(0).error()).contains("poison entry");
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBalance(folds, TENANT, "b").isPresent());
        assertThat(storedBalance(folds, TENANT, "a")).map(LedgerPipeline.Balance::balance).contains(5L);

        assertThat(es.dispatcher().skipParked(group)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBalance(folds, TENANT, "a")
                .map(LedgerPipeline.Balance::balance).orElse(0L) == 12L);
        assertThat(admin.deadLetters()).singleElement().satisfies(d -> assertThat(d.body()).contains("poison"));
    }

    /**
     * A parked fold group keeps at most maxHeldHints fold jobs, so a park that lasts a day does not
     * fill Redis; what it shed is in the event log, and the next delivery after the skip reads it.
     */
    @Test
    void aParkedFoldGroupShedsHintsBeyondItsCapAndReadsTheirEventsFromTheStoreLater() throws Exception {
        Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, LocalRedis.uniqueQueue("held"),
                LedgerPipeline.registry((c, e) -> {}), events, folds, appends, QUEUE.withMaxHeldHints(3), QUICK);
        started.add(es);
        es.service().send(entry(TENANT, "a", 5, "ok"));
        es.service().send(entry(TENANT, "a", 100, "poison"));
        String group = JobGroups.fold(new FoldGroupId(TENANT, LedgerPipeline.NAME, AggregateType.of("account"), "a"));
        GroupQueueAdmin admin = es.dispatcher().admin();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.parkedGroups().size() == 1);

        for (int i = 0; i < 30; i++) {
            es.service().send(entry(TENANT, "a", 1, "while parked " + i));
        }
        assertThat(admin.groupJobs(group, 100, null).items()).as("the poison job and two hints").hasSize(3);

        assertThat(es.dispatcher().skipParked(group)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.snapshot().depth() == 0);
        assertThat(storedBalance(folds, TENANT, "a")).map(LedgerPipeline.Balance::balance).contains(5L + 2);

        es.service().send(entry(TENANT, "a", 1, "after the skip"));
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBalance(folds, TENANT, "a")
                .map(LedgerPipeline.Balance::balance).orElse(0L) == 5L + 30 + 1);
        assertThat(storedBalance(folds, TENANT, "a")).map(LedgerPipeline.Balance::entries).contains(32L);
    }

    @Test
    void theWebRoleOnlyStagesAndAWorkerPicksUp() throws Exception {
        String queue = LocalRedis.uniqueQueue("roles");
        Foldwork<RedisDispatcher> web = start(queue, LedgerPipeline.registry((c, e) -> {}),
                RedisDispatcherOptions.defaults(ProcessRole.WEB));
        for (int i = 0; i < 10; i++) {
            web.service().send(entry(TENANT, "w", i, "m" + i));
        }
        assertThat(web.dispatcher().admin().snapshot().depth()).isGreaterThanOrEqualTo(20);
        assertThat(storedBalance(folds, TENANT, "w")).isEmpty();

        start(queue, LedgerPipeline.registry((c, e) -> {}), QUICK);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBalance(folds, TENANT, "w")
                .map(LedgerPipeline.Balance::entries).orElse(0L) == 10);
        assertThat(storedBalance(folds, TENANT, "w")).contains(sequentialBalance(events, TENANT, "w"));
    }

    @Test
    void aJobOverTheBodyLimitStagesNothingButTheEventIsStored() throws Exception {
        Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, LocalRedis.uniqueQueue("too-large"),
                LedgerPipeline.registry((c, e) -> {}), events, folds, appends,
                QUEUE.withMaxBodyBytes(450), RedisDispatcherOptions.defaults(ProcessRole.WEB));
        started.add(es);
        es.service().send(entry(TENANT, "small", 1, "fits"));
        long depth = es.dispatcher().admin().snapshot().depth();

        List<Event> big = es.service().send(entry(TENANT, "big", 1, "x".repeat(200)));
        assertThat(events.read(TENANT, Ledger.ACCOUNT, "big")).isEqualTo(big);
        assertThat(es.dispatcher().dispatch(big).handle((ok, e) -> e).get())
                .isInstanceOf(JobTooLargeException.class)
                .hasMessageContaining("over the limit of 450 bytes");
        assertThat(es.dispatcher().admin().snapshot().depth()).isEqualTo(depth);
    }

    /** Counts every event; never fails. Runs before the balance fold, which fails on "poison". */
    record Count(long entries) {}

    static final class CountFold implements FoldProjection<Count> {
        @Override
        public String name() {
            return "entry_count";
        }

        @Override
        public Class<Count> stateType() {
            return Count.class;
        }

        @Override
        public Count init() {
            return new Count(0);
        }

        @Override
        public Count apply(Count state, Event event) {
            return new Count(state.entries() + 1);
        }
    }

    @Test
    void aFailureInALongClaimAppliesNothingTwiceToTheFoldsThatSucceeded() throws Exception {
        // each command records its entry twice, so one claim of 50 jobs holds 100 events: more
        // than a fold checkpoint remembers
        Pipeline pipeline = Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .command("record_entry", (payload, context) -> {
                    List<EventDraft> once = LedgerPipeline.recordEntry(payload);
                    return List.of(once.get(0), once.get(0));
                })
                .fold(new CountFold()).fold(LedgerPipeline.BALANCE).build();
        String queue = LocalRedis.uniqueQueue("long-claim");
        Foldwork<RedisDispatcher> web = start(queue, PipelineRegistry.of(pipeline), RedisDispatcherOptions.defaults(ProcessRole.WEB));
        for (int i = 1; i <= 50; i++) {
            web.service().send(entry(TENANT, "long", i, i == 45 ? "poison" : "m"));
        }
        start(queue, PipelineRegistry.of(pipeline), QUICK);
        GroupQueueAdmin admin = web.dispatcher().admin();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.parkedGroups().size() == 1);
        assertThat(folds.get(TENANT, "entry_count", "long")).map(s -> s.state().path("entries").asLong()).contains(100L);
        assertThat(storedBalance(folds, TENANT, "long")).map(LedgerPipeline.Balance::entries).contains(88L);

        assertThat(web.dispatcher().skipParked(admin.parkedGroups().get(0).group())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBalance(folds, TENANT, "long")
                .map(LedgerPipeline.Balance::entries).orElse(0L) == 98L);
        assertThat(folds.get(TENANT, "entry_count", "long")).map(s -> s.state().path("entries").asLong()).contains(100L);
    }

    /** Reacts once per account after a burst: job id = account, delay 300 ms. */
    static final class DebouncedReactor implements Reactor<LedgerPipeline.Balance> {
        final List<Long> seenBalances = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "debounced";
        }

        @Override
        public void react(Event event, ReactorContext<LedgerPipeline.Balance> context) {
            seenBalances.add(context.state().balance());
        }

        @Override
        public Optional<String> jobId(Event event, LedgerPipeline.Balance state) {
            return Optional.of(event.aggregateId().equals("bad") ? "not ok {tag}" : event.aggregateId());
        }

        @Override
        public Duration delay() {
            return Duration.ofMillis(300);
        }
    }

    @Test
    void reactionsWithAJobIdCoalesceAndAnUnusableJobIdIsDeadLettered() throws Exception {
        DebouncedReactor reactor = new DebouncedReactor();
        Pipeline pipeline = Pipeline.named(LedgerPipeline.NAME).aggregateType("account")
                .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                .fold(LedgerPipeline.BALANCE).reactor(LedgerPipeline.BALANCE, reactor).build();
        Foldwork<RedisDispatcher> es = start(LocalRedis.uniqueQueue("debounce"), PipelineRegistry.of(pipeline), QUICK);
        for (int i = 1; i <= 10; i++) {
            es.service().send(entry(TENANT, "burst", i, "m"));
        }
        es.service().send(entry(TENANT, "bad", 1, "m"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.seenBalances.contains(55L));
        assertThat(reactor.seenBalances.size()).isLessThan(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> es.dispatcher().admin().deadLetters().size() == 1);
        assertThat(es.dispatcher().admin().deadLetters().get(0).error()).contains("cannot name a queue group");
    }
}
