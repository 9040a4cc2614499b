package dev.foldwork.core.stores.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.LogPosition;
import dev.foldwork.core.stores.StreamHead;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link EventStore} does. Each test works in tenants of its own, so a store may be shared. */
public abstract class EventStoreContract {
    protected static final AggregateType ACCOUNT = AggregateType.of("account");
    protected static final AggregateType INVOICE = AggregateType.of("invoice");

    protected abstract EventStore store();

    protected static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID());
    }

    protected static Event event(TenantId tenant, AggregateType type, String aggregateId, String id, long seq, JsonNode data) {
        return new Event(id, tenant, type, aggregateId, seq, 1_000 + seq, "EntryRecorded", 1, data);
    }

    protected static Event event(TenantId tenant, String aggregateId, String id, long seq) {
        return event(tenant, ACCOUNT, aggregateId, id, seq, Json.object().put("n", id));
    }

    @Test
    void readsAStreamInSeqOrder() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "a1", "e4", 4), event(tenant, "a1", "e1", 1)));
        store().append(tenant, List.of(event(tenant, "a1", "e3", 3), event(tenant, "a1", "e2", 2),
                event(tenant, "a2", "other", 1)));

        assertThat(store().read(tenant, ACCOUNT, "a1")).extracting(Event::id).containsExactly("e1", "e2", "e3", "e4");
        assertThat(store().read(tenant, ACCOUNT, "a1")).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void readsATenantsStreamsOfOneTypeInPagesByAggregateAndSeq() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "b", "b2", 2), event(tenant, "a", "a1", 1), event(tenant, "b", "b1", 1)));
        store().append(tenant, List.of(event(tenant, "a", "a2", 2), event(tenant, "c", "c1", 1),
                event(tenant, INVOICE, "a", "other type", 1, Json.object())));
        store().append(tenant, List.of(event(tenant, "a", "a2", 2))); // stored again: read once
        TenantId other = freshTenant();
        store().append(other, List.of(event(other, "a", "other tenant", 1)));

        List<String> read = new ArrayList<>();
        LogPosition after = LogPosition.START;
        for (List<Event> page; !(page = store().readPage(tenant, ACCOUNT, after, null, 2)).isEmpty(); ) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(e -> read.add(e.id()));
            Event last = page.get(page.size() - 1);
            after = new LogPosition(last.aggregateId(), last.seq());
        }
        assertThat(read).containsExactly("a1", "a2", "b1", "b2", "c1");
        assertThat(store().readPage(tenant, ACCOUNT, LogPosition.START, "b", 10)).extracting(Event::id)
                .containsExactly("a1", "a2", "b1", "b2");
        assertThat(store().readPage(tenant, ACCOUNT, new LogPosition("b", 1), "b", 10)).extracting(Event::id).containsExactly("b2");
        assertThat(store().readPage(tenant, ACCOUNT, new LogPosition("b", 0), "b", 10)).extracting(Event::id)
                .containsExactly("b1", "b2");
        assertThat(store().readPage(tenant, ACCOUNT, LogPosition.pastAll("a"), null, 10)).extracting(Event::id)
                .containsExactly("b1", "b2", "c1");
    }

    @Test
    void readsARangeOfSeqsAndTheLastSeq() {
        TenantId tenant = freshTenant();
        StreamId stream = new StreamId(tenant, ACCOUNT, "a1");
        assertThat(store().lastSeq(stream)).isZero();
        List<Event> events = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            events.add(event(tenant, "a1", "e" + seq, seq));
        }
        store().append(tenant, events);

        assertThat(store().read(stream, 4, 6)).extracting(Event::seq).containsExactly(4L, 5L, 6L);
        assertThat(store().read(stream, 9, Long.MAX_VALUE)).extracting(Event::seq).containsExactly(9L, 10L);
        assertThat(store().read(stream, 6, 4)).isEmpty();
        assertThat(store().lastSeq(stream)).isEqualTo(10);
        assertThat(store().lastSeq(new StreamId(tenant, INVOICE, "a1"))).isZero();
    }

    @Test
    void neverHoldsTwoEventsAtOneSeq() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "a1", "first", 1)));
        store().append(tenant, List.of(event(tenant, "a1", "second-writer", 1), event(tenant, "a1", "next", 2)));

        assertThat(store().read(tenant, ACCOUNT, "a1")).extracting(Event::id).containsExactly("first", "next");
    }

    @Test
    void listsTheStreamsWrittenSinceATime() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "a1", "e1", 1), event(tenant, "a1", "e2", 2),
                event(tenant, INVOICE, "i1", "i", 1, Json.object())));

        assertThat(store().tenantsWrittenSince(0)).contains(tenant);
        long later = Long.MAX_VALUE / 2;
        assertThat(store().streamsWrittenSince(tenant, 0, later))
                .extracting(h -> h.stream().aggregateType().value() + "/" + h.stream().aggregateId() + " " + h.firstSeq()
                        + ".." + h.lastSeq() + " settled " + h.settledSeq())
                .containsExactlyInAnyOrder("account/a1 1..2 settled 2", "invoice/i1 1..1 settled 1");
        StreamHead head = store().streamsWrittenSince(tenant, 0, later).get(0);
        assertThat(store().streamsWrittenSince(tenant, 0, head.writtenAtMs() - 3_600_000))
                .allSatisfy(h -> assertThat(h.settledSeq()).as("nothing was stored an hour before").isZero());
        long farFuture = head.writtenAtMs() + 3_600_000;
        assertThat(store().streamsWrittenSince(tenant, farFuture, later)).isEmpty();
        assertThat(store().tenantsWrittenSince(farFuture)).doesNotContain(tenant);
        assertThat(store().streamsWrittenSince(freshTenant(), 0, later)).isEmpty();
    }

    @Test
    void returnsEveryFieldAsAppended() {
        TenantId tenant = freshTenant();
        Event appended = new Event("e1", tenant, ACCOUNT, "a1", 1, 1_700_000_000_123L, "trace.span_recorded", 3,
                Json.object().put("amount", 12).put("nested", "v").set("list", Json.mapper().createArrayNode().add(1).add("two")));
        store().append(tenant, List.of(appended));

        assertThat(store().read(tenant, ACCOUNT, "a1")).containsExactly(appended);
    }

    @Test
    void keepsAnEventAppendedTwiceOnce() {
        TenantId tenant = freshTenant();
        Event first = event(tenant, "a1", "e1", 100);
        store().append(tenant, List.of(first, first));
        store().append(tenant, List.of(first, event(tenant, "a1", "e2", 200)));

        assertThat(store().read(tenant, ACCOUNT, "a1")).extracting(Event::id).containsExactly("e1", "e2");
    }

    /** Stores do not look ids up (ClickHouse cannot cheaply): the stream's writer stores each event once. */
    @Test
    void keepsAnEventAppendedAgainAtAnotherSeqThereToo() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "a1", "e1", 1), event(tenant, "a1", "e2", 2)));
        store().append(tenant, List.of(event(tenant, "a1", "e1", 3)));

        assertThat(store().read(tenant, ACCOUNT, "a1")).extracting(e -> e.id() + "@" + e.seq())
                .containsExactly("e1@1", "e2@2", "e1@3");
        assertThat(store().lastSeq(new StreamId(tenant, ACCOUNT, "a1"))).isEqualTo(3);
    }

    @Test
    void keepsTenantsWithTheSameAggregateIdApart() {
        TenantId one = freshTenant();
        TenantId two = freshTenant();
        store().append(one, List.of(event(one, "shared", "one-1", 100)));
        store().append(two, List.of(event(two, "shared", "two-1", 100), event(two, "only-two", "two-2", 100)));

        assertThat(store().read(one, ACCOUNT, "shared")).extracting(Event::id).containsExactly("one-1");
        assertThat(store().read(two, ACCOUNT, "shared")).extracting(Event::id).containsExactly("two-1");
        assertThat(store().aggregateIds(one, ACCOUNT)).containsExactly("shared");
        assertThat(store().aggregateIds(two, ACCOUNT)).containsExactly("only-two", "shared");
    }

    @Test
    void keepsAggregateTypesApart() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, ACCOUNT, "x1", "acc", 1, Json.object()),
                event(tenant, INVOICE, "x1", "inv", 1, Json.object())));

        assertThat(store().read(tenant, ACCOUNT, "x1")).extracting(Event::id).containsExactly("acc");
        assertThat(store().read(tenant, INVOICE, "x1")).extracting(Event::id).containsExactly("inv");
        assertThat(store().aggregateIds(tenant, INVOICE)).containsExactly("x1");
    }

    @Test
    void listsAggregateIdsSortedAndOnce() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of(event(tenant, "b", "1", 1), event(tenant, "a", "2", 1), event(tenant, "b", "3", 2)));

        assertThat(store().aggregateIds(tenant, ACCOUNT)).containsExactly("a", "b");
        assertThat(store().aggregateIds(freshTenant(), ACCOUNT)).isEmpty();
    }

    @Test
    void readsNothingForAnUnknownAggregate() {
        assertThat(store().read(freshTenant(), ACCOUNT, "nobody")).isEmpty();
    }

    @Test
    void refusesABatchHoldingAnotherTenantsEventAndStoresNoneOfIt() {
        TenantId tenant = freshTenant();
        TenantId other = freshTenant();
        List<Event> mixed = List.of(event(tenant, "a1", "mine", 1), event(other, "a1", "theirs", 2));

        assertThatThrownBy(() -> store().append(tenant, mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.value());
        assertThat(store().read(tenant, ACCOUNT, "a1")).isEmpty();
        assertThat(store().read(other, ACCOUNT, "a1")).isEmpty();
    }

    @Test
    void refusesToReadAnAggregateIdWithForbiddenCharacters() {
        assertThatThrownBy(() -> store().read(freshTenant(), ACCOUNT, "a' OR '1'='1"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("aggregateId");
    }

    @Test
    void roundTripsTrickyDataAndEventIdsUnchanged() {
        TenantId tenant = freshTenant();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < TrickyStrings.ALL.size(); i++) {
            String value = TrickyStrings.ALL.get(i);
            ObjectNode data = Json.object().put("value", value);
            data.put(TrickyStrings.asKey(value), "as a key");
            events.add(event(tenant, ACCOUNT, "tricky", String.format("%03d:", i) + value, i + 1, data));
        }
        store().append(tenant, events);

        assertThat(store().read(tenant, ACCOUNT, "tricky")).containsExactlyElementsOf(events);
    }

    @Test
    void roundTripsAggregateIdsWithSqlPunctuation() {
        TenantId tenant = freshTenant();
        List<Event> events = TrickyStrings.AGGREGATE_IDS.stream().map(id -> event(tenant, id, "e-" + id, 1)).toList();
        store().append(tenant, events);

        for (Event event : events) {
            assertThat(store().read(tenant, ACCOUNT, event.aggregateId())).containsExactly(event);
        }
        assertThat(store().aggregateIds(tenant, ACCOUNT)).containsExactlyElementsOf(TrickyStrings.AGGREGATE_IDS.stream().sorted().toList());
    }

    @Test
    void acceptsAnEmptyBatch() {
        TenantId tenant = freshTenant();
        store().append(tenant, List.of());

        assertThat(store().aggregateIds(tenant, ACCOUNT)).isEmpty();
    }
}
