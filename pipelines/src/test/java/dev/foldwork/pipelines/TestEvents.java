package dev.foldwork.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.FoldProjection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;

/** Builds events by hand for pure fold tests, with ids that sort like the service's. */
public final class TestEvents {
    public static final TenantId TENANT = TenantId.of("acme");
    /** 2026-11-10T00:00:00Z */
    public static final long T0 = 1_794_268_800_000L;

    private final AggregateType aggregateType;
    private long next;
    private final Map<String, Long> seqs = new HashMap<>();

    public TestEvents(String aggregateType) {
        this.aggregateType = AggregateType.of(aggregateType);
    }

    /** The next event: the aggregate's next seq, one millisecond after the previous one, with a larger id. */
    public Event event(String aggregateId, String type, int version, Object data) {
        next++;
        long seq = seqs.merge(aggregateId, 1L, Long::sum);
        JsonNode node = data instanceof JsonNode json ? json : Json.toNode(data);
        return new Event(String.format("evt-%06d", next), TENANT, aggregateType, aggregateId, seq, T0 + next, type, version, node);
    }

    /** Stamps what a command handler decided, as the service would. */
    public List<Event> stored(List<EventDraft> drafts) {
        List<Event> events = new ArrayList<>();
        for (EventDraft draft : drafts) {
            events.add(event(draft.aggregateId(), draft.type(), draft.version(), draft.data()));
        }
        return events;
    }

    public static <S> S foldAll(FoldProjection<S> fold, List<Event> events) {
        S state = fold.init();
        for (Event event : events) {
            state = fold.apply(state, event);
        }
        return state;
    }

    /** The events applied in batches of 1 to 6, split at random, as a fold's batch step gets them ({@code applyAll}). */
    public static <S> S foldInBatches(FoldProjection<S> fold, List<Event> events, Random random) {
        S state = fold.init();
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(6));
            state = fold.applyAll(state, events.subList(from, to));
            from = to;
        }
        return state;
    }

    /** The state as a fold store hands it back: written to JSON and read again. */
    public static <S> S roundTrip(FoldProjection<S> fold, S state) {
        return Json.fromNode(Json.toNode(state), fold.stateType());
    }

    /** A command context over a fixed history, for handlers tested on their own. */
    public static CommandContext context(List<Event> history) {
        return new CommandContext() {
            @Override
            public TenantId tenantId() {
                return TENANT;
            }

            @Override
            public List<Event> history(String aggregateId) {
                return history.stream().filter(e -> e.aggregateId().equals(aggregateId)).toList();
            }
        };
    }

    /** Every order of {@code items}, for folds that must reach the same state in any arrival order. */
    public static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
