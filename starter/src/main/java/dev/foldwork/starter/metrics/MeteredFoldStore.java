package dev.foldwork.starter.metrics;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.ForwardingFoldStore;
import dev.foldwork.core.stores.StoredFold;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Measures fold lag where it ends: when a fold state is stored, how long ago its last event was
 * stamped. The timer's percentiles say how far behind the command side the folds run.
 */
public final class MeteredFoldStore extends ForwardingFoldStore {
    private final Timer lag;
    private final Clock clock;

    public MeteredFoldStore(FoldStore store, MeterRegistry meters, Clock clock) {
        super(store);
        this.clock = clock;
        this.lag = Timer.builder("foldwork.fold.lag").description("from an event's stamp until its fold state was stored")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        delegate.store(tenantId, projection, aggregateKey, fold);
        long stamped = fold.checkpoint().lastEventTimestamp();
        if (stamped > 0) {
            lag.record(Math.max(0, clock.millis() - stamped), TimeUnit.MILLISECONDS);
        }
    }
}
