package dev.foldwork.core.stores.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import dev.foldwork.core.stores.VersionBands;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link FoldStore} does. Each test works in tenants of its own, so a store may be shared. */
public abstract class FoldStoreContract {
    protected abstract FoldStore store();

    private static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID());
    }

    private static StoredFold fold(long position, String marker) {
        FoldCheckpoint checkpoint = new FoldCheckpoint(position, "e" + position, 1_000 + position);
        // An int, as JSON numbers this small read back as ints from any store.
        return new StoredFold(Json.object().put("marker", marker).put("position", (int) position), checkpoint);
    }

    @Test
    void hasNothingForAFoldNeverStored() {
        assertThat(store().get(freshTenant(), "balance", "a1")).isEmpty();
    }

    @Test
    void returnsTheStateAndCheckpointAsStored() {
        TenantId tenant = freshTenant();
        StoredFold stored = fold(7, "seven");
        store().store(tenant, "balance", "a1", stored);

        assertThat(store().get(tenant, "balance", "a1")).contains(stored);
    }

    @Test
    void returnsTheNewestVersionEvenWhenAnOlderOneIsStoredLater() {
        TenantId tenant = freshTenant();
        store().store(tenant, "balance", "a1", fold(1, "one"));
        store().store(tenant, "balance", "a1", fold(3, "three"));
        store().store(tenant, "balance", "a1", fold(2, "two, late"));

        assertThat(store().get(tenant, "balance", "a1")).contains(fold(3, "three"));
    }

    @Test
    void keepsTenantsProjectionsAndKeysApart() {
        TenantId one = freshTenant();
        TenantId two = freshTenant();
        store().store(one, "balance", "a1", fold(1, "one/balance/a1"));
        store().store(two, "balance", "a1", fold(2, "two/balance/a1"));
        store().store(one, "audit", "a1", fold(3, "one/audit/a1"));
        store().store(one, "balance", "a2", fold(4, "one/balance/a2"));

        assertThat(store().get(one, "balance", "a1")).contains(fold(1, "one/balance/a1"));
        assertThat(store().get(two, "balance", "a1")).contains(fold(2, "two/balance/a1"));
        assertThat(store().get(one, "audit", "a1")).contains(fold(3, "one/audit/a1"));
        assertThat(store().get(one, "balance", "a2")).contains(fold(4, "one/balance/a2"));
        assertThat(store().get(two, "audit", "a1")).isEmpty();
    }

    @Test
    void storesTheStartCheckpointWithoutALastEvent() {
        TenantId tenant = freshTenant();
        StoredFold initial = new StoredFold(Json.object(), FoldCheckpoint.START);
        store().store(tenant, "balance", "a1", initial);

        assertThat(store().get(tenant, "balance", "a1")).contains(initial);
    }

    @Test
    void roundTripsTrickyStateUnchanged() {
        TenantId tenant = freshTenant();
        ObjectNode state = Json.object();
        for (int i = 0; i < TrickyStrings.ALL.size(); i++) {
            state.put("v" + i, TrickyStrings.ALL.get(i));
            state.put(TrickyStrings.asKey(TrickyStrings.ALL.get(i)), i);
        }
        StoredFold stored = new StoredFold(state, new FoldCheckpoint(1, "it's; --", 5));
        for (String key : TrickyStrings.AGGREGATE_IDS) {
            store().store(tenant, "balance", key, stored);
        }

        for (String key : TrickyStrings.AGGREGATE_IDS) {
            assertThat(store().get(tenant, "balance", key)).contains(stored);
        }
    }

    @Test
    void twoWritersRacingLeaveTheHighestVersion() throws Exception {
        TenantId tenant = freshTenant();
        // A fresh writer goes 1..200 while a stale one, computed from older states, keeps writing low versions.
        Thread stale = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                store().store(tenant, "balance", "a1", fold(1 + i % 50, "stale"));
            }
        });
        stale.start();
        for (int version = 1; version <= 200; version++) {
            store().store(tenant, "balance", "a1", fold(version, "fresh"));
        }
        stale.join();

        assertThat(store().get(tenant, "balance", "a1")).contains(fold(200, "fresh"));
    }

    @Test
    void aHigherGenerationOutranksEveryStateOfALowerOneWhateverItsVersion() {
        TenantId tenant = freshTenant();
        store().store(tenant, "balance", "a1", fold(9, "old code"));
        store().store(tenant, "balance", "a1", fold(4, "rebuilt").inGeneration(1));
        store().store(tenant, "balance", "a1", fold(12, "old code, written late"));

        assertThat(store().get(tenant, "balance", "a1")).contains(fold(4, "rebuilt").inGeneration(1));
        assertThat(store().versions(tenant, "balance", List.of("a1"))).isEqualTo(Map.of("a1", 4L));

        store().store(tenant, "balance", "a1", fold(5, "rebuilt, live").inGeneration(1));
        assertThat(store().get(tenant, "balance", "a1")).contains(fold(5, "rebuilt, live").inGeneration(1));
    }

    @Test
    void givesTheGenerationOfTheHighestRankedStateAlone() {
        TenantId tenant = freshTenant();
        assertThat(store().generation(tenant, "balance", "a1")).as("nothing stored").isZero();

        store().store(tenant, "balance", "a1", fold(9, "old code"));
        assertThat(store().generation(tenant, "balance", "a1")).isZero();
        store().store(tenant, "balance", "a1", fold(4, "rebuilt").inGeneration(2));
        store().store(tenant, "balance", "a1", fold(12, "old code, written late"));
        store().store(tenant, "audit", "a1", fold(1, "other fold").inGeneration(5));

        assertThat(store().generation(tenant, "balance", "a1")).isEqualTo(2);
        assertThat(store().generation(tenant, "balance", "a2")).as("another key").isZero();
    }

    @Test
    void storesManyKeysAtOnceUnderTheSameRanking() {
        TenantId tenant = freshTenant();
        store().store(tenant, "balance", "a2", fold(3, "old code").inGeneration(2));
        store().storeAll(tenant, "balance", Map.of("a1", fold(7, "a1").inGeneration(1), "a2", fold(8, "a2").inGeneration(1)));

        assertThat(store().get(tenant, "balance", "a1")).contains(fold(7, "a1").inGeneration(1));
        assertThat(store().get(tenant, "balance", "a2")).contains(fold(3, "old code").inGeneration(2));
    }

    @Test
    void givesTheVersionsOfManyKeysAtOnce() {
        TenantId tenant = freshTenant();
        store().store(tenant, "balance", "a1", fold(3, "a1"));
        store().store(tenant, "balance", "a1", fold(5, "a1 later"));
        store().store(tenant, "balance", "a2", fold(2, "a2"));
        store().store(tenant, "audit", "a3", fold(9, "other fold"));

        assertThat(store().versions(tenant, "balance", List.of("a1", "a2", "a3"))).isEqualTo(Map.of("a1", 5L, "a2", 2L));
        assertThat(store().versions(tenant, "balance", List.of())).isEmpty();
    }

    @Test
    void streamPositionsOfStatesNeverStoredAreIgnored() {
        TenantId tenant = freshTenant();
        StreamId a = new StreamId(tenant, AggregateType.of("trace"), "a");
        StreamId b = new StreamId(tenant, AggregateType.of("trace"), "b");
        store().storeStreamPositions(tenant, "billing", "2026-12", 1, Map.of(a, 3L));
        store().storeStreamPositions(tenant, "billing", "2026-12", 2, Map.of(a, 5L, b, 1L));
        store().storeStreamPositions(tenant, "billing", "2026-12", 3, Map.of(b, 9L)); // its state was never stored

        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a, b), 2)).isEqualTo(Map.of(a, 5L, b, 1L));
        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a, b), 1)).isEqualTo(Map.of(a, 3L));
        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a, b), 3)).isEqualTo(Map.of(a, 5L, b, 9L));
        assertThat(store().streamPositions(tenant, "billing", "2026-11", List.of(a, b), 3)).isEmpty();
        assertThat(store().streamPositions(freshTenant(), "billing", "2026-12", List.of(), 3)).isEmpty();
    }

    @Test
    void aLaterVersionSetsAStreamBack() {
        TenantId tenant = freshTenant();
        StreamId a = new StreamId(tenant, AggregateType.of("trace"), "a");
        store().storeStreamPositions(tenant, "billing", "2026-12", 4, Map.of(a, 7L)); // a dead writer's
        store().storeStreamPositions(tenant, "billing", "2026-12", 5, Map.of(a, 2L)); // set back by the next load

        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a), 4)).isEqualTo(Map.of(a, 7L));
        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a), 9)).isEqualTo(Map.of(a, 2L));
    }

    @Test
    void strayPositionsAreThoseWrittenAboveTheStoredVersion() {
        TenantId tenant = freshTenant();
        StreamId a = new StreamId(tenant, AggregateType.of("trace"), "a");
        StreamId b = new StreamId(tenant, AggregateType.of("trace"), "b");
        StreamId c = new StreamId(tenant, AggregateType.of("trace"), "c");
        assertThat(store().strayPositions(tenant, "billing", "2026-12", 0)).isEqualTo(StrayPositions.NONE);
        store().storeStreamPositions(tenant, "billing", "2026-12", 2, Map.of(a, 3L, b, 1L));
        store().store(tenant, "billing", "2026-12", new StoredFold(Json.object(), new FoldCheckpoint(2, "e", 1), 0));
        store().storeStreamPositions(tenant, "billing", "2026-12", 6, Map.of(b, 4L, c, 2L));
        store().storeStreamPositions(tenant, "billing", "2026-12", 9, Map.of(c, 5L));

        assertThat(store().strayPositions(tenant, "billing", "2026-12", 2)).isEqualTo(new StrayPositions(9, Set.of(b, c)));
        assertThat(store().strayPositions(tenant, "billing", "2026-12", 6)).isEqualTo(new StrayPositions(9, Set.of(c)));
        assertThat(store().strayPositions(tenant, "billing", "2026-12", 9)).isEqualTo(StrayPositions.NONE);
        assertThat(store().strayPositions(tenant, "billing", "2026-11", 0)).isEqualTo(StrayPositions.NONE);
    }

    @Test
    void positionsAndStraysAreReadWithinTheStatesGenerationBand() {
        TenantId tenant = freshTenant();
        StreamId a = new StreamId(tenant, AggregateType.of("trace"), "a");
        StreamId b = new StreamId(tenant, AggregateType.of("trace"), "b");
        long rebuilt = VersionBands.first(1) + 7;
        store().storeStreamPositions(tenant, "billing", "2026-12", 5, Map.of(a, 3L, b, 2L));
        store().store(tenant, "billing", "2026-12", new StoredFold(Json.object(), new FoldCheckpoint(5, "e", 1), 0));
        // a rebuild of generation 1 wrote its positions; its state is not stored yet: not strays of generation 0
        store().storeStreamPositions(tenant, "billing", "2026-12", rebuilt, Map.of(a, 4L));
        assertThat(store().strayPositions(tenant, "billing", "2026-12", 5)).isEqualTo(StrayPositions.NONE);
        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a, b), 5)).isEqualTo(Map.of(a, 3L, b, 2L));

        store().store(tenant, "billing", "2026-12", new StoredFold(Json.object(), new FoldCheckpoint(rebuilt, "e", 1), 1));
        // a writer of generation 0 that loaded before the swap writes on: never read for the rebuilt state
        store().storeStreamPositions(tenant, "billing", "2026-12", 6, Map.of(b, 9L));
        assertThat(store().streamPositions(tenant, "billing", "2026-12", List.of(a, b), rebuilt))
                .as("b was not consumed in generation 1").isEqualTo(Map.of(a, 4L));
        assertThat(store().strayPositions(tenant, "billing", "2026-12", rebuilt)).isEqualTo(StrayPositions.NONE);
        store().storeStreamPositions(tenant, "billing", "2026-12", rebuilt + 2, Map.of(b, 1L));
        assertThat(store().strayPositions(tenant, "billing", "2026-12", rebuilt)).isEqualTo(new StrayPositions(rebuilt + 2, Set.of(b)));
    }

    @Test
    void refusesAnAggregateKeyWithForbiddenCharacters() {
        assertThatThrownBy(() -> store().get(freshTenant(), "balance", "k' OR 1=1 --"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("aggregateKey");
    }
}
