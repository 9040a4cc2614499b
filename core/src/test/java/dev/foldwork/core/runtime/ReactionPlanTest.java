package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one rule every dispatch mode schedules: which reactor calls a fold's stored batch owes, and how long each waits. */
class ReactionPlanTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final FoldGroupId GROUP = new FoldGroupId(TENANT, LedgerPipeline.NAME, Ledger.ACCOUNT, "a");
    private static final String FOLD = "account_balance";
    private static final JsonNode STATE = Json.object().put("balance", 12);
    private static final Function<Event, Optional<String>> BY_MEMO = event -> Optional.of(event.data().path("memo").asText());
    private static final Function<Event, Optional<String>> NO_KEY = event -> Optional.empty();

    @Test
    void anUnkeyedReactorGetsOneCallPerEventWithTheBatchState() {
        List<Event> events = List.of(event(1, "x"), event(2, "x"), event(3, "y"));
        ReactionPlan plan = plan(events, new ReactionPlan.Binding(FOLD, "audit", Duration.ofSeconds(5), NO_KEY));

        assertThat(plan.reactions()).extracting(r -> r.call().event()).containsExactlyElementsOf(events);
        assertThat(plan.reactions()).allSatisfy(reaction -> {
            assertThat(reaction.jobKey()).isEmpty();
            assertThat(reaction.delay()).as("an unkeyed reaction never waits").isZero();
            assertThat(reaction.debounced()).isFalse();
            assertThat(reaction.call().state()).isSameAs(STATE);
            assertThat(reaction.call().stateRank()).isEqualTo(7);
        });
        assertThat(plan.coalesced()).isZero();
    }

    @Test
    void aKeyedReactorGetsOneCallPerJobIdPerBatchWithTheLatestEvent() {
        List<Event> events = List.of(event(1, "x"), event(2, "y"), event(3, "x"), event(4, "x"));
        ReactionPlan plan = plan(events, new ReactionPlan.Binding(FOLD, "notify", Duration.ZERO, BY_MEMO));

        assertThat(plan.reactions()).extracting(r -> r.call().event().seq()).containsExactly(2L, 4L);
        assertThat(plan.reactions()).extracting(ReactionPlan.Reaction::jobKey).containsExactly(
                Optional.of(FOLD + "/notify/t1/y"), Optional.of(FOLD + "/notify/t1/x"));
        assertThat(plan.reactions()).as("no delay: they run now").noneMatch(ReactionPlan.Reaction::debounced);
        assertThat(plan.coalesced()).isEqualTo(2);
    }

    @Test
    void aReactorOncePerBatchGetsOneCallWithTheBatchsLastEventWhateverItsJobIds() {
        List<Event> events = List.of(event(1, "x"), event(2, "y"), event(3, "x"));
        ReactionPlan plan = plan(events, new ReactionPlan.Binding(FOLD, "index", Duration.ofSeconds(5), BY_MEMO, true));

        assertThat(plan.reactions()).hasSize(1);
        ReactionPlan.Reaction reaction = plan.reactions().get(0);
        assertThat(reaction.call().event().seq()).isEqualTo(3);
        assertThat(reaction.call().state()).isSameAs(STATE);
        assertThat(reaction.jobKey()).isEmpty();
        assertThat(reaction.debounced()).isFalse();
        assertThat(plan.coalesced()).isEqualTo(2);
    }

    @Test
    void aKeyedReactorWithADelayCarriesItToBeDebounced() {
        ReactionPlan plan = plan(List.of(event(1, "x"), event(2, "x")),
                new ReactionPlan.Binding(FOLD, "settle", Duration.ofMillis(300), BY_MEMO));

        assertThat(plan.reactions()).singleElement().satisfies(reaction -> {
            assertThat(reaction.call().event().seq()).isEqualTo(2);
            assertThat(reaction.delay()).isEqualTo(Duration.ofMillis(300));
            assertThat(reaction.debounced()).isTrue();
        });
    }

    @Test
    void reactorsOfOtherFoldsAreNotPlanned() {
        ReactionPlan plan = plan(List.of(event(1, "x")),
                new ReactionPlan.Binding("monthly_volume", "report", Duration.ZERO, NO_KEY),
                new ReactionPlan.Binding(FOLD, "audit", Duration.ZERO, NO_KEY));

        assertThat(plan.reactions()).extracting(r -> r.call().reactor()).containsExactly("audit");
        assertThat(plan.reactions()).allMatch(r -> r.call().fold().equals(FOLD));
    }

    @Test
    void callsKeepTheBindingOrderAndWithinAReactorTheOrderOfTheirEvents() {
        List<Event> events = List.of(event(1, "x"), event(2, "-"), event(3, "y"), event(4, "x"), event(5, "-"));
        Function<Event, Optional<String>> someKeyed = event -> event.data().path("memo").asText().equals("-")
                ? Optional.empty() : Optional.of(event.data().path("memo").asText());
        ReactionPlan plan = plan(events,
                new ReactionPlan.Binding(FOLD, "first", Duration.ZERO, someKeyed),
                new ReactionPlan.Binding(FOLD, "second", Duration.ZERO, NO_KEY));

        assertThat(plan.reactions()).extracting(r -> r.call().reactor() + "@" + r.call().event().seq()).containsExactly(
                "first@2", "first@3", "first@4", "first@5",
                "second@1", "second@2", "second@3", "second@4", "second@5");
    }

    @Test
    void aJobIdThatThrowsLeavesItsCallUnplannedAndTheOthersPlanned() {
        IllegalStateException broken = new IllegalStateException("no memo");
        Function<Event, Optional<String>> failsOnY = event -> {
            if (event.data().path("memo").asText().equals("y")) {
                throw broken;
            }
            return Optional.of("one");
        };
        ReactionPlan plan = plan(List.of(event(1, "x"), event(2, "y"), event(3, "x")),
                new ReactionPlan.Binding(FOLD, "notify", Duration.ZERO, failsOnY));

        assertThat(plan.reactions()).extracting(r -> r.call().event().seq()).containsExactly(3L);
        assertThat(plan.unplanned()).singleElement().satisfies(unplanned -> {
            assertThat(unplanned.call().event().seq()).isEqualTo(2);
            assertThat(unplanned.error()).isSameAs(broken);
        });
        assertThat(plan.size()).isEqualTo(2);
    }

    @Test
    void aBoundReactorReadsItsJobIdsAndDelayFromTheReactorWithTheBatchState() {
        Reactor<Balance> byBalance = new Reactor<>() {
            @Override
            public String name() {
                return "by_balance";
            }

            @Override
            public void react(Event event, ReactorContext<Balance> context) {}

            @Override
            public Optional<String> jobId(Event event, Balance state) {
                return Optional.of("balance-" + state.balance());
            }

            @Override
            public Duration delay() {
                return Duration.ofSeconds(1);
            }
        };
        Balance state = Ledger.fold(List.of(event(1, "x"), event(2, "y")));
        ReactionPlan.Binding binding = ReactionPlan.Binding.of(new ReactorBinding<>(LedgerPipeline.BALANCE, byBalance), state);

        ReactionPlan plan = plan(List.of(event(1, "x"), event(2, "y")), binding);

        assertThat(binding.fold()).isEqualTo(LedgerPipeline.BALANCE.name());
        assertThat(plan.reactions()).singleElement().satisfies(reaction -> {
            assertThat(reaction.jobKey()).contains(binding.fold() + "/by_balance/t1/balance-" + state.balance());
            assertThat(reaction.delay()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    private static ReactionPlan plan(List<Event> applied, ReactionPlan.Binding... bindings) {
        String fold = bindings[bindings.length - 1].fold();
        return ReactionPlan.of(new ReactionPlan.Batch(GROUP, fold, applied, STATE, 7), List.of(bindings));
    }

    private static Event event(long seq, String memo) {
        return new Event("a-" + seq, TENANT, Ledger.ACCOUNT, "a", seq, 1_000 + seq, "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine("a", 5, memo)));
    }
}
