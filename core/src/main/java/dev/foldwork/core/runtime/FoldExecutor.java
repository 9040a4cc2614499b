package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Load, fill gaps, apply, store for every fold of a group, once per batch. Used by the dispatch
 * modes that run folds outside a workflow (memory, Redis). A delivery is only a hint: events the
 * fold already holds are skipped by {@code seq}, and events the delivery missed are read from the
 * event store. The map work of a lost delivery was lost with it, so the events read from the store
 * are also mapped here (before the folds store, so a failed map fails the step and its retry reads
 * them again; maps are idempotent by event id). Each fold's reactions are handed on right after
 * that fold's state is stored, as the {@link ReactionPlan} of its batch, so a later fold failing
 * cannot lose them.
 */
public final class FoldExecutor {
    /** Most events read from the store per page while a fold catches up. */
    public static final int READ_PAGE = 5_000;
    /** Most missed events read (about) before the step's result is stored: bounds the memory a fold far behind takes. */
    public static final long READ_PER_STEP = 20_000;

    private final EventRouter router;
    private final EventStore eventStore;
    private final FoldStore foldStore;
    private final MapExecutor maps;
    private final StoredStates stored = new StoredStates();

    public FoldExecutor(EventRouter router, EventStore eventStore, FoldStore foldStore, MapExecutor maps) {
        this.router = router;
        this.eventStore = eventStore;
        this.foldStore = foldStore;
        this.maps = maps;
    }

    /** The states this executor stored lately, for the reactors that run in this process. */
    public StoredStates storedStates() {
        return stored;
    }

    /** Reactions read back from this executor's stores (by reference, or owed again by a retried job). */
    public OwedReactions owedReactions() {
        return new OwedReactions(router, eventStore, foldStore, stored);
    }

    public void execute(FoldGroupId group, List<Event> events, Consumer<ReactionPlan> afterPersist) {
        execute(group, events, afterPersist, Set.of());
    }

    /**
     * An operator's skip of the batch a group parked at: applies it, and every event a fold fails
     * on is consumed by that fold without being applied, which its checkpoint then records (the log
     * stays whole; the fold will not see the event again). An event poison for several folds is
     * skipped by each. Returns what was skipped.
     */
    public Set<SkippedEvent> skipPoison(FoldGroupId group, List<Event> events, Consumer<ReactionPlan> afterPersist) {
        Set<SkippedEvent> skips = new LinkedHashSet<>();
        while (true) {
            try {
                execute(group, events, afterPersist, skips);
                return skips;
            } catch (FoldApplyException e) {
                if (!skips.add(new SkippedEvent(e.eventId(), e.fold()))) {
                    throw e;
                }
            }
        }
    }

    /** A step at a time: each reads at most {@link #READ_PER_STEP} missed events and stores what it applied. */
    private void execute(FoldGroupId group, List<Event> events, Consumer<ReactionPlan> afterPersist, Set<SkippedEvent> skips) {
        List<Event> delivery = events;
        while (!delivery.isEmpty()) {
            delivery = step(group, delivery, afterPersist, skips);
        }
    }

    /** Returns the delivered events deferred behind a hole this step's read budget did not reach. */
    private List<Event> step(FoldGroupId group, List<Event> events, Consumer<ReactionPlan> afterPersist, Set<SkippedEvent> skips) {
        if (router.isGlobal(group)) {
            List<Event> deferred = new ArrayList<>();
            for (FoldProjection<?> fold : router.folds(group)) {
                deferred = executeGlobal(group, (GlobalFoldProjection<?>) fold, events, afterPersist, SkippedEvent.by(fold.name(), skips));
            }
            return deferred;
        }
        List<FoldProjection<?>> folds = router.folds(group);
        List<StoredFold> stored = new ArrayList<>(folds.size());
        long lowest = Long.MAX_VALUE;
        for (FoldProjection<?> fold : folds) {
            StoredFold one = foldStore.get(group.tenantId(), fold.name(), group.aggregateKey()).orElse(null);
            stored.add(one);
            lowest = Math.min(lowest, one == null ? 0 : one.version());
        }
        long from = lowest;
        List<Event> undelivered = new ArrayList<>(); // what the holes held: no delivery brought these
        GapFiller.Completed filled = GapFiller.complete(events, stream -> from, e -> true, ranges -> {
            GapFiller.ReadPage page = readPage(ranges);
            undelivered.addAll(page.events());
            return page;
        }, READ_PER_STEP);
        if (!undelivered.isEmpty()) {
            maps.byProjection(undelivered).forEach((map, mapped) -> maps.execute(group.tenantId(), map, mapped));
        }
        for (int i = 0; i < folds.size(); i++) {
            executeOne(group, folds.get(i), stored.get(i), filled.events(), afterPersist, SkippedEvent.by(folds.get(i).name(), skips));
        }
        return filled.deferred();
    }

    private <S> void executeOne(FoldGroupId group, FoldProjection<S> fold, StoredFold stored, List<Event> events,
                                Consumer<ReactionPlan> afterPersist, Set<String> skipped) {
        S state = stored == null ? fold.init() : decode(group, fold, stored);
        FoldCheckpoint checkpoint = stored == null ? FoldCheckpoint.START : stored.checkpoint();
        int generation = stored == null ? 0 : stored.generation();
        persist(group, fold, generation, FoldStep.apply(fold, state, checkpoint, events, skipped), afterPersist);
    }

    private <S> List<Event> executeGlobal(FoldGroupId group, GlobalFoldProjection<S> fold, List<Event> events,
                                          Consumer<ReactionPlan> afterPersist, Set<String> skipped) {
        Optional<StoredFold> stored = GlobalFoldLoader.load(foldStore, fold, group.tenantId(), group.aggregateKey());
        S state = stored.map(s -> decode(group, fold, s)).orElseGet(fold::init);
        FoldCheckpoint checkpoint = stored.map(StoredFold::checkpoint).orElse(FoldCheckpoint.START);
        Set<StreamId> streams = new LinkedHashSet<>();
        events.forEach(e -> streams.add(e.streamId()));
        Map<StreamId, Long> positions = foldStore.streamPositions(group.tenantId(), fold.name(), group.aggregateKey(),
                streams, checkpoint.position());
        GapFiller.Completed filled = GapFiller.complete(events, stream -> positions.getOrDefault(stream, 0L),
                event -> router.routesTo(fold, event, group), this::readPage, READ_PER_STEP);
        FoldStep.Result<S> result = FoldStep.applyGlobal(fold, state, checkpoint, positions, filled.events(), skipped);
        if (result.changed()) {
            foldStore.storeStreamPositions(group.tenantId(), fold.name(), group.aggregateKey(),
                    result.checkpoint().position(), result.positions());
        }
        persist(group, fold, stored.map(StoredFold::generation).orElse(0), result, afterPersist);
        return filled.deferred();
    }

    /** The fold's state as loaded: the object this executor computed for it, or else decoded from its JSON. */
    private <S> S decode(FoldGroupId group, FoldProjection<S> fold, StoredFold loaded) {
        S computed = stored.computed(group, fold.name(), loaded, fold.stateType());
        return computed != null ? computed : Json.fromNode(loaded.state(), fold.stateType());
    }

    /** Stores in the generation the state was loaded from: if a rebuild stored a newer one meanwhile, this loses. */
    private <S> void persist(FoldGroupId group, FoldProjection<S> fold, int generation, FoldStep.Result<S> result,
                             Consumer<ReactionPlan> afterPersist) {
        if (!result.changed()) {
            return;
        }
        StoredFold persisted = new StoredFold(Json.toTypedNode(result.state()), result.checkpoint(), generation);
        foldStore.store(group.tenantId(), fold.name(), group.aggregateKey(), persisted);
        stored.remember(group, fold.name(), persisted, result.state());
        List<ReactionPlan.Binding> bindings = new ArrayList<>();
        for (ReactorBinding<?> binding : router.registry().reactorsOf(fold.name())) {
            bindings.add(ReactionPlan.Binding.of(binding, result.state()));
        }
        ReactionPlan plan = ReactionPlan.of(new ReactionPlan.Batch(group, fold.name(), result.applied(), persisted.state(),
                persisted.rank()), bindings);
        if (!plan.isEmpty()) {
            afterPersist.accept(plan);
        }
    }

    private GapFiller.ReadPage readPage(List<SeqRange> ranges) {
        List<Event> read = new ArrayList<>();
        for (SeqRange range : ranges) {
            read.addAll(eventStore.read(range.stream(), range.fromSeq(), Math.min(range.toSeq(), range.fromSeq() + READ_PAGE - 1)));
        }
        return new GapFiller.ReadPage(read, ranges.size());
    }
}
