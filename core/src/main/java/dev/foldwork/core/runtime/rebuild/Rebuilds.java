package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.runtime.rebuild.RebuildRefusedException.Reason;
import dev.foldwork.core.runtime.rebuild.RebuildStatus.State;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, tracks and cancels rebuilds of aggregate folds, global folds and maps (see {@link
 * Rebuilder}, {@link GlobalRebuilder} and {@link MapRebuilder} for how one runs).
 * A rebuild runs in the process that started it; its record is in the fold store, so any process
 * answers for it, and a record whose process stopped beating is shown as failed. One rebuild of a
 * projection and tenant at a time (checked in this process and against the stored records).
 */
public final class Rebuilds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);
    /** A running record without a heartbeat for this long belongs to a process that stopped. */
    static final long STALE_AFTER_MS = 60_000;
    /** How often a running rebuild writes its progress. */
    static final long SAVE_EVERY_MS = 1_000;

    private final PipelineRegistry registry;
    private final Rebuilder rebuilder;
    private final GlobalRebuilder globalRebuilder;
    private final MapRebuilder mapRebuilder;
    private final RebuildRecords records;
    private final ProjectionGenerations generations;
    private final LongSupplier clock;
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RebuildStatus>> endings = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    /** How long the live writers' steps in flight at a swap may take: the final pass runs again after it. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(2);

    public Rebuilds(PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore mapRecords,
                    EventDispatcher dispatcher) {
        this(registry, events, folds, mapRecords, dispatcher, DEFAULT_DRAIN, System::currentTimeMillis);
    }

    public Rebuilds(PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore mapRecords,
                    EventDispatcher dispatcher, Duration drain, LongSupplier clock) {
        this.registry = registry;
        this.rebuilder = new Rebuilder(events, folds, dispatcher, drain);
        this.globalRebuilder = new GlobalRebuilder(registry, events, folds, dispatcher, drain);
        this.mapRebuilder = new MapRebuilder(events, mapRecords);
        this.records = new RebuildRecords(folds);
        this.generations = new ProjectionGenerations(folds);
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "foldwork-rebuild-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a rebuild and returns its first record.
     *
     * @throws RebuildRefusedException the projection is unknown or being rebuilt for the tenant; for a
     *                                  global fold, {@code aggregateId} names one key of it
     */
    public synchronized RebuildStatus start(RebuildRequest request) {
        Optional<MapProjection<?>> map = registry.map(request.projection());
        Optional<FoldProjection<?>> fold = registry.fold(request.projection());
        if (map.isEmpty() && fold.isEmpty()) {
            throw new RebuildRefusedException(Reason.UNKNOWN_PROJECTION, "no fold or map named " + request.projection()
                    + " is registered");
        }
        Optional<GlobalFoldProjection<?>> global = fold.filter(GlobalFoldProjection.class::isInstance)
                .map(f -> (GlobalFoldProjection<?>) f);
        Pipeline pipeline = global.isPresent() ? registry.globalProjections() : registry.pipelines().stream()
                .filter(p -> fold.isPresent() ? p.folds().contains(fold.get()) : p.maps().contains(map.get()))
                .findFirst()
                .orElseThrow(() -> new RebuildRefusedException(Reason.NOT_REBUILDABLE,
                        request.projection() + " belongs to no pipeline"));
        for (RebuildStatus other : list()) {
            if (other.state() == State.RUNNING && other.tenant().equals(request.tenant().value())
                    && other.projection().equals(request.projection())) {
                throw new RebuildRefusedException(Reason.ALREADY_RUNNING, "rebuild " + other.id() + " of "
                        + request.projection() + " for tenant " + request.tenant() + " is still running");
            }
        }
        long now = clock.getAsLong();
        int generation = generations.next(request.tenant(), request.projection());
        long total = global.isPresent() ? globalRebuilder.eventsTotal(request.tenant())
                : rebuilder.eventsTotal(request.tenant(), pipeline.aggregateType(), request.aggregateId());
        RebuildStatus first = new RebuildStatus("rebuild-" + UUID.randomUUID(), request.tenant().value(),
                request.projection(), request.aggregateId(), State.RUNNING, 0, total, generation, now, now, 0, null, 1);
        Work work;
        if (map.isPresent()) {
            work = progress -> mapRebuilder.run(map.get(), request.tenant(), pipeline.aggregateType(), request.aggregateId(),
                    generation, progress);
        } else if (global.isPresent()) {
            work = progress -> globalRebuilder.run(global.get(), request.tenant(), request.aggregateId(), generation, now, progress);
        } else {
            work = progress -> rebuilder.run(fold.get(), request.tenant(), pipeline.aggregateType(), request.aggregateId(),
                    generation, now, progress);
        }
        records.save(first);
        records.index(first.id());
        AtomicBoolean cancelled = new AtomicBoolean();
        running.put(first.id(), cancelled);
        endings.put(first.id(), new CompletableFuture<>());
        executor.execute(() -> run(first, work, cancelled));
        return first;
    }

    /** One rebuild's folding or mapping: returns how many events it took, told of progress as it goes. */
    private interface Work {
        long run(Rebuilder.Progress progress);
    }

    private void run(RebuildStatus first, Work work, AtomicBoolean cancelled) {
        AtomicReference<RebuildStatus> status = new AtomicReference<>(first);
        try {
            long done = work.run(eventsDone -> {
                long now = clock.getAsLong();
                if (now - status.get().heartbeatAtMs() >= SAVE_EVERY_MS) { // a record write per second, not per page
                    status.set(status.get().progressed(eventsDone, now));
                    records.save(status.get());
                }
                return !cancelled.get();
            });
            records.save(status.get().progressed(done, clock.getAsLong()).ended(State.DONE, null, clock.getAsLong()));
        } catch (CancellationException e) {
            records.save(status.get().ended(State.CANCELLED, e.getMessage(), clock.getAsLong()));
        } catch (RuntimeException e) {
            LOG.warn("rebuild " + first.id() + " of " + first.projection() + " failed", e);
            records.save(status.get().ended(State.FAILED, e.toString(), clock.getAsLong()));
        } finally {
            running.remove(first.id());
            endings.remove(first.id()).complete(records.get(first.id()).orElse(status.get()));
        }
    }

    /**
     * Completes with the final record when a rebuild this process started has ended (at once if it
     * already has, whichever process ran it); empty for one still running in another process.
     */
    public Optional<CompletableFuture<RebuildStatus>> ending(String id) {
        CompletableFuture<RebuildStatus> running = endings.get(id);
        if (running != null) {
            return Optional.of(running);
        }
        return get(id).filter(status -> status.state() != State.RUNNING).map(CompletableFuture::completedFuture);
    }

    public Optional<RebuildStatus> get(String id) {
        return records.get(id).map(this::judged);
    }

    /** The most recent rebuilds, newest first. */
    public List<RebuildStatus> list() {
        return records.recent().stream().map(this::judged).toList();
    }

    /** Asks a rebuild running in this process to stop after its current page; the states it swapped stay. */
    public Optional<RebuildStatus> cancel(String id) {
        AtomicBoolean flag = running.get(id);
        if (flag != null) {
            flag.set(true);
        }
        return get(id);
    }

    /** A running record that stopped beating is shown as failed: the process running it is gone. */
    private RebuildStatus judged(RebuildStatus status) {
        long now = clock.getAsLong();
        if (status.state() == State.RUNNING && !running.containsKey(status.id())
                && now - status.heartbeatAtMs() > STALE_AFTER_MS) {
            return status.ended(State.FAILED, "no progress since " + (now - status.heartbeatAtMs())
                    + " ms ago: the process running it stopped", status.heartbeatAtMs());
        }
        return status;
    }

    @Override
    public void close() {
        running.values().forEach(flag -> flag.set(true));
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
