package dev.foldwork.workflows;

import static org.awaitility.Awaitility.await;

import dev.foldwork.activities.FoldActivityPolicies;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.worker.FoldWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Temporal mode on the in-process test server, over the ledger test pipeline: real workflow,
 * real activities, memory stores. Records every reaction with what the fold store held then.
 */
final class FoldHarness implements AutoCloseable {
    static final TenantId TENANT = TenantId.of("acme");
    static final String TASK_QUEUE = "folds-test";

    /** A reaction and the fold store's position for its aggregate at the moment it ran. */
    record Reaction(String accountId, String eventId, long stateEntries, long storedPosition) {}

    final TestWorkflowEnvironment env;
    final MemoryEventStore eventStore = new MemoryEventStore();
    final CountingFoldStore foldStore = new CountingFoldStore();
    final MemoryAppendStore appendStore = new MemoryAppendStore();
    final List<Reaction> reactions = new CopyOnWriteArrayList<>();
    final PipelineRegistry registry;
    final TemporalDispatcher dispatcher;
    private final EventIds ids = new EventIds(Clock.systemUTC());
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    /** The workflows this harness's events feed, whose runs {@link #close} measures. */
    private final Set<String> workflowIds = ConcurrentHashMap.newKeySet();

    static FoldWorkflowOptions quickOptions() {
        return FoldWorkflowOptions.defaults().withActivities(FoldActivityPolicies.defaults()
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withAttempts(0, 20, 3));
    }

    FoldHarness(FoldWorkflowOptions options) {
        this(options, LedgerPipeline::registry);
    }

    /** With the ledger's folds and maps wired by {@code pipelines}, around the recording reactor it is given. */
    FoldHarness(FoldWorkflowOptions options, Function<LedgerPipeline.BalanceObserver, PipelineRegistry> pipelines) {
        this(options, pipelines, store -> store);
    }

    /** As above, with the worker's activities on {@code workerStore} of the harness's event store (to make it fail, say). */
    FoldHarness(FoldWorkflowOptions options, Function<LedgerPipeline.BalanceObserver, PipelineRegistry> pipelines,
                UnaryOperator<EventStore> workerStore) {
        registry = pipelines.apply((context, event) -> reactions.add(new Reaction(context.aggregateId(), event.id(),
                context.state().entries(), storedPosition(context.aggregateId()))));
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        FoldSearchAttributes.TYPES.forEach(env::registerSearchAttribute);
        FoldWorker.register(env.getWorkerFactory(), TASK_QUEUE, registry, workerStore.apply(eventStore), foldStore, appendStore,
                command -> List.of(), options);
        env.start();
        dispatcher = new TemporalDispatcher(env.getWorkflowClient(), new EventRouter(registry),
                TemporalDispatcherOptions.defaults().withTaskQueue(TASK_QUEUE));
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    /** The account's next entry, stored in the event store (the truth the workflow fills gaps from) but not dispatched. */
    Event entry(String account, long amount, String memo) {
        EventIds.Stamp stamp = ids.next();
        long seq = seqs.computeIfAbsent(account, a -> new AtomicLong()).incrementAndGet();
        Event event = new Event(stamp.id(), TENANT, AggregateType.of("account"), account, seq, stamp.timestamp(),
                "EntryRecorded", 1, Json.toNode(new LedgerPipeline.EntryLine(account, amount, memo)));
        eventStore.append(TENANT, List.of(event));
        new EventRouter(registry).foldGroups(List.of(event)).keySet().forEach(group -> workflowIds.add(group.toString()));
        return event;
    }

    /** The account's next entry, stored and then dispatched (its signal accepted). */
    Event send(String account, long amount, String memo) {
        Event event = entry(account, amount, memo);
        dispatcher.dispatch(List.of(event)).join();
        return event;
    }

    static FoldGroupId groupOf(String account) {
        return new FoldGroupId(TENANT, LedgerPipeline.NAME, AggregateType.of("account"), account);
    }

    FoldView view(String account) {
        return client().newWorkflowStub(FoldWorkflow.class, groupOf(account).toString()).view();
    }

    Optional<Balance> stored(String account) {
        return foldStore.get(TENANT, LedgerPipeline.BALANCE.name(), account)
                .map(s -> Json.fromNode(s.state(), Balance.class));
    }

    long storedPosition(String account) {
        return foldStore.get(TENANT, LedgerPipeline.BALANCE.name(), account).map(StoredFold::version).orElse(0L);
    }

    /** The state a plain, sequential fold of these events gives. */
    static Balance sequential(List<Event> events) {
        Balance state = LedgerPipeline.BALANCE.init();
        for (Event event : events) {
            state = LedgerPipeline.BALANCE.apply(state, event);
        }
        return state;
    }

    void awaitStored(String account, Balance expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(account).filter(expected::equals).isPresent());
    }

    /** Closes, after checking that every run of every workflow fed by {@link #entry} stayed within {@link RunBudgets#LIMITS}. */
    @Override
    public void close() {
        dispatcher.close();
        try {
            for (String workflowId : workflowIds) {
                List<WorkflowExecutionHistory> runs;
                try {
                    runs = FoldWorkflowReplayTest.everyRun(this, workflowId);
                } catch (WorkflowNotFoundException e) {
                    continue; // its events were stored but never dispatched
                }
                RunBudgets.measure(runs).assertWithin(RunBudgets.LIMITS, workflowId);
            }
        } finally {
            env.close();
        }
    }
}
