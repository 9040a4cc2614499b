package dev.foldwork.core.testing;

import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A small pipeline that exercises every primitive, shared by the tests and benchmarks of all
 * modes: accounts take entries; a fold keeps an order-sensitive checksum so any reordering shows;
 * a map logs each entry; a reactor watches balances; a global fold meters entries per month.
 */
public final class LedgerPipeline {
    public static final String NAME = "ledger";

    private LedgerPipeline() {}

    public record Balance(long balance, long entries, long checksum, String lastMemo) {}

    public record EntryLine(String accountId, long amount, String memo) {}

    public record MonthlyVolume(long entries, long total) {}

    public static final class BalanceFold implements FoldProjection<Balance> {
        @Override
        public String name() {
            return "account_balance";
        }

        @Override
        public Class<Balance> stateType() {
            return Balance.class;
        }

        @Override
        public Balance init() {
            return new Balance(0, 0, 17, "");
        }

        @Override
        public Balance apply(Balance state, Event event) {
            long amount = event.data().path("amount").asLong();
            if (event.data().path("memo").asText().equals("poison")) {
                throw new IllegalStateException("poison entry");
            }
            return new Balance(state.balance() + amount, state.entries() + 1,
                    state.checksum() * 31 + amount, event.data().path("memo").asText());
        }
    }

    public static final class EntryLogMap implements MapProjection<EntryLine> {
        @Override
        public String name() {
            return "entry_log";
        }

        @Override
        public Optional<EntryLine> map(Event event) {
            return Optional.of(new EntryLine(event.aggregateId(), event.data().path("amount").asLong(),
                    event.data().path("memo").asText()));
        }
    }

    public static final class MonthlyVolumeFold implements GlobalFoldProjection<MonthlyVolume> {
        @Override
        public String name() {
            return "monthly_volume";
        }

        @Override
        public Class<MonthlyVolume> stateType() {
            return MonthlyVolume.class;
        }

        @Override
        public Optional<String> key(Event event) {
            return Optional.of(YearMonth.from(Instant.ofEpochMilli(event.timestamp()).atOffset(ZoneOffset.UTC)).toString());
        }

        @Override
        public MonthlyVolume init() {
            return new MonthlyVolume(0, 0);
        }

        @Override
        public MonthlyVolume apply(MonthlyVolume state, Event event) {
            return new MonthlyVolume(state.entries() + 1, state.total() + event.data().path("amount").asLong());
        }
    }

    /** Something a reactor does with what it sees; tests record and check it. */
    @FunctionalInterface
    public interface BalanceObserver {
        void seen(ReactorContext<Balance> context, Event event) throws Exception;
    }

    public static final class BalanceReactor implements Reactor<Balance> {
        private final BalanceObserver observer;

        public BalanceReactor(BalanceObserver observer) {
            this.observer = observer;
        }

        @Override
        public String name() {
            return "balance_watch";
        }

        @Override
        public void react(Event event, ReactorContext<Balance> context) throws Exception {
            observer.seen(context, event);
        }
    }

    public static final BalanceFold BALANCE = new BalanceFold();
    public static final EntryLogMap ENTRY_LOG = new EntryLogMap();
    public static final MonthlyVolumeFold MONTHLY_VOLUME = new MonthlyVolumeFold();

    /** Command {@code record_entry}: {@code {"accountId": "...", "amount": 12, "memo": "..."}}. */
    public static List<EventDraft> recordEntry(Payload payload) {
        String accountId = payload.requiredId("accountId");
        long amount = payload.requiredLong("amount", Long.MIN_VALUE / 2);
        String memo = payload.optionalString("memo", 200).orElse("");
        payload.validate();
        return List.of(EventDraft.of(accountId, "EntryRecorded", 1, new EntryLine(accountId, amount, memo)));
    }

    public static Pipeline pipeline(BalanceObserver observer) {
        return Pipeline.named(NAME)
                .aggregateType("account")
                .command("record_entry", (payload, context) -> recordEntry(payload))
                .fold(BALANCE)
                .map(ENTRY_LOG)
                .reactor(BALANCE, new BalanceReactor(observer))
                .build();
    }

    public static PipelineRegistry registry(BalanceObserver observer) {
        return PipelineRegistry.of(List.of(pipeline(observer)),
                Pipeline.globalProjections().fold(MONTHLY_VOLUME).build());
    }
}
