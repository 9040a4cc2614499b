package dev.foldwork.starter.metrics;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures fold lag where it ends: when a fold state is stored, how long ago its last event was
 * stamped. The timer's percentiles say how far behind the command side the folds run.
 */
public final class MeteredFoldStore implements FoldStore {
    private final FoldStore store;
    private final Timer lag;
    private final Clock clock;

    public MeteredFoldStore(FoldStore store, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.lag = Timer.builder("foldwork.fold.lag").description("from an event's stamp until its fold state was stored")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        return store.get(tenantId, projection, aggregateKey);
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        store.store(tenantId, projection, aggregateKey, fold);
        long stamped = fold.checkpoint().lastEventTimestamp();
        if (stamped > 0) {
            lag.record(Math.max(0, clock.millis() - stamped), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Map<String, Long> versions(TenantId tenantId, String projection, Collection<String> aggregateKeys) {
        return store.versions(tenantId, projection, aggregateKeys);
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        return store.streamPositions(tenantId, projection, aggregateKey, streams, atOrBelowVersion);
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> positions) {
        store.storeStreamPositions(tenantId, projection, aggregateKey, version, positions);
    }
}
