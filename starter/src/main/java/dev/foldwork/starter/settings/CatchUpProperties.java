package dev.foldwork.starter.settings;

import dev.foldwork.core.runtime.CatchUp;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.catch-up.*}: how a worker brings lagging folds up to date from the event store.
 *
 * @param interval           time between passes (one runs at start-up)
 * @param settle             a stream written more recently than this is left to its delivery for now
 * @param overlap            how far behind the newest write the watermark stays (covers writes still in flight)
 * @param maxEventsPerStream most events redelivered per stream and pass
 */
@ConfigurationProperties("foldwork.catch-up")
public record CatchUpProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("5s") Duration settle,
        @DefaultValue("60s") Duration overlap,
        @DefaultValue("10000") int maxEventsPerStream) {

    public CatchUp.CatchUpOptions options() {
        return new CatchUp.CatchUpOptions(settle, overlap, maxEventsPerStream, Duration.ofSeconds(30));
    }
}
