package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.ReactorBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reactor calls a fold's stored batch owes, by the rule {@link dev.foldwork.core.projections.Reactor}
 * states, decided here once for every dispatch mode (memory, Redis, Temporal): each only runs,
 * debounces or queues what the plan says. Calls come per reactor of the fold, in binding order, and
 * within one in the order of their events (a keyed call where its latest event was). Pure and
 * deterministic: it also runs inside workflow code, where it must plan what recorded runs did.
 */
public record ReactionPlan(List<Reaction> reactions, List<Unplanned> unplanned, int coalesced) {
    /** A fold's batch after its state was stored: the events applied, and the state and its rank as stored. */
    public record Batch(FoldGroupId group, String fold, List<Event> applied, JsonNode state, long stateRank) {
        ReactorCall call(String reactor, Event event) {
            return new ReactorCall(group, fold, reactor, event, state, stateRank);
        }
    }

    /**
     * A reactor as the plan sees it: its fold, its name, its delay, its job id for an event given the
     * batch's state, and whether it is called {@linkplain dev.foldwork.core.projections.Reactor#oncePerBatch once per batch}.
     */
    public record Binding(String fold, String reactor, Duration delay, Function<Event, Optional<String>> jobIds,
                          boolean oncePerBatch) {
        public Binding(String fold, String reactor, Duration delay, Function<Event, Optional<String>> jobIds) {
            this(fold, reactor, delay, jobIds, false);
        }

        /** A bound reactor whose job ids read {@code state}, the fold's state after the batch in the fold's own type. */
        public static Binding of(ReactorBinding<?> binding, Object state) {
            return typed(binding, state);
        }

        private static <S> Binding typed(ReactorBinding<S> binding, Object state) {
            S typed = binding.fold().stateType().cast(state);
            return new Binding(binding.fold().name(), binding.reactor().name(), binding.reactor().delay(),
                    event -> binding.reactor().jobId(event, typed), binding.reactor().oncePerBatch());
        }
    }

    /**
     * How many delays a debounced reaction waits at most after the first call it coalesced, however
     * many newer calls restart its delay: a steady stream of calls still gets a run at least this
     * often (the Redis mode's {@code debounce-max-wait-factor}, 10 too by default).
     */
    public static final int MAX_WAIT_DELAYS = 10;

    /** A call to schedule: with its job key (fold, reactor, tenant and job id) if keyed, and its debounce delay (zero: now). */
    public record Reaction(ReactorCall call, Optional<String> jobKey, Duration delay) {
        public boolean debounced() {
            return jobKey.isPresent() && delay.compareTo(Duration.ZERO) > 0;
        }
    }

    /** A call whose job id could not be read (the reactor's {@code jobId} threw): it cannot be planned. */
    public record Unplanned(ReactorCall call, RuntimeException error) {}

    public static ReactionPlan of(Batch batch, List<Binding> bindings) {
        List<Reaction> reactions = new ArrayList<>();
        List<Unplanned> unplanned = new ArrayList<>();
        int owed = 0;
        for (Binding binding : bindings) {
            if (!binding.fold().equals(batch.fold())) {
                continue;
            }
            owed += batch.applied().size();
            if (binding.oncePerBatch() && !batch.applied().isEmpty()) {
                Event last = batch.applied().get(batch.applied().size() - 1);
                reactions.add(new Reaction(batch.call(binding.reactor(), last), Optional.empty(), Duration.ZERO));
                continue;
            }
            List<Reaction> perEvent = new ArrayList<>(batch.applied().size());
            Map<String, Integer> latest = new HashMap<>(); // looked up only, never iterated
            for (Event event : batch.applied()) {
                ReactorCall call = batch.call(binding.reactor(), event);
                Optional<String> jobId;
                try {
                    jobId = binding.jobIds().apply(event);
                } catch (RuntimeException e) {
                    unplanned.add(new Unplanned(call, e));
                    continue;
                }
                Optional<String> jobKey = jobId.map(call::jobKey);
                jobKey.ifPresent(key -> latest.put(key, perEvent.size()));
                perEvent.add(new Reaction(call, jobKey, jobKey.isPresent() ? binding.delay() : Duration.ZERO));
            }
            for (int i = 0; i < perEvent.size(); i++) {
                Reaction reaction = perEvent.get(i);
                if (reaction.jobKey().isEmpty() || latest.get(reaction.jobKey().get()) == i) {
                    reactions.add(reaction);
                }
            }
        }
        return new ReactionPlan(List.copyOf(reactions), List.copyOf(unplanned), owed - reactions.size() - unplanned.size());
    }

    public boolean isEmpty() {
        return reactions.isEmpty() && unplanned.isEmpty();
    }

    /** Every call the plan holds, planned or not. */
    public int size() {
        return reactions.size() + unplanned.size();
    }
}
