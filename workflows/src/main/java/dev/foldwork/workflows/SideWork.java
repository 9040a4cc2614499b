package dev.foldwork.workflows;

import dev.foldwork.activities.MapActivities;
import dev.foldwork.activities.ReactorActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.stores.StoredFold;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The maps and reactors a run starts: fire-and-forget activities with retries of their own. One
 * that gives up is counted and logged, never thrown into the fold loop; all are awaited before
 * the run ends, because activities of a closed run are never executed.
 */
final class SideWork {
    private static final Logger log = Workflow.getLogger(SideWork.class);

    private final EventRouter router;
    private final FoldGroupId group;
    private final MapActivities maps;
    private final ReactorActivities reactors;
    private final List<Promise<Void>> running = new ArrayList<>();
    private long failedReactions;
    private long failedMapBatches;

    SideWork(EventRouter router, FoldGroupId group, MapActivities maps, ReactorActivities reactors) {
        this.router = router;
        this.group = group;
        this.maps = maps;
        this.reactors = reactors;
    }

    /** A group of a domain pipeline runs its aggregate's maps; a global group only folds. */
    void startMaps(List<Event> batch) {
        if (group.pipeline().equals(Pipeline.GLOBAL_PROJECTIONS)) {
            return;
        }
        for (MapProjection<?> map : router.maps(batch.get(0))) {
            running.add(Async.procedure(maps::append, map.name(), batch).handle((ok, failure) -> {
                if (failure != null) {
                    failedMapBatches++;
                    log.error("map {} gave up on {} events of {}: {}", map.name(), batch.size(), group, rootMessage(failure));
                }
                return null;
            }));
        }
    }

    /** One reaction per applied event and reactor; reactions sharing a job id in this batch run once, with the latest event. */
    void startReactors(FoldChange change) {
        for (ReactorBinding<?> binding : router.registry().reactorsOf(change.fold())) {
            Map<String, ReactorCall> calls = new LinkedHashMap<>();
            int unkeyed = 0;
            for (Event event : change.applied()) {
                ReactorCall call = new ReactorCall(group, change.fold(), binding.reactor().name(), event, change.stored().state());
                String key = jobId(binding, event, change.stored()).orElse("#" + unkeyed++);
                calls.remove(key);
                calls.put(key, call);
            }
            for (ReactorCall call : calls.values()) {
                running.add(Async.procedure(reactors::react, call).handle((ok, failure) -> {
                    if (failure != null) {
                        failedReactions++;
                        log.error("reactor {} gave up on event {} of {}: {}", call.reactor(), call.event().id(), group,
                                rootMessage(failure));
                    }
                    return null;
                }));
            }
        }
    }

    /** Forgets what has finished, so a long run holds only what is in flight. */
    void prune() {
        running.removeIf(Promise::isCompleted);
    }

    void awaitAll() {
        Promise.allOf(running).get();
        running.clear();
    }

    long failedReactions() {
        return failedReactions;
    }

    long failedMapBatches() {
        return failedMapBatches;
    }

    private static <S> Optional<String> jobId(ReactorBinding<S> binding, Event event, StoredFold stored) {
        return binding.reactor().jobId(event, Json.fromNode(stored.state(), binding.fold().stateType()));
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
