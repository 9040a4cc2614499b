package dev.foldwork.service;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.trace.ModelPrices;
import dev.foldwork.pipelines.trace.TraceUpdateSink;
import dev.foldwork.pipelines.trace.index.ClickHouseTraceIndex;
import dev.foldwork.pipelines.trace.index.MemoryTraceIndex;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import dev.foldwork.service.demo.DemoRunner;
import dev.foldwork.starter.settings.FoldworkProperties;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipelines this service runs: the product's four and the global projections, with what they
 * need (the trace index beside the stores, where trace updates go), unless a bean overrides them.
 * The starter runs whatever {@link PipelineRegistry} this defines.
 */
@Configuration(proxyBeanMethods = false)
public class PipelinesConfiguration {
    private static final Logger log = LoggerFactory.getLogger("foldwork.trace-updates");

    /** Broadcasts go to the log until a real hub (websocket, pub/sub) is wired in its place. */
    @Bean
    @ConditionalOnMissingBean
    TraceUpdateSink traceUpdateSink() {
        return update -> log.debug("trace update {}", update);
    }

    @Bean
    @ConditionalOnMissingBean
    PipelineRegistry pipelineRegistry(FoldworkProperties properties, TraceUpdateSink updates, TraceIndex traceIndex) {
        Pipelines.Settings defaults = Pipelines.Settings.defaults();
        ModelPrices prices = properties.modelPricesFile().isBlank() ? ModelPrices.bundled()
                : ModelPrices.fromFile(Path.of(properties.modelPricesFile()));
        return Pipelines.registry(new Pipelines.Settings(properties.evaluationQuietPeriod(), defaults.evaluatorId(), prices),
                updates, traceIndex);
    }

    /** The trace list's index lives where the stores do ({@code foldwork.store}). */
    @Bean
    @ConditionalOnProperty(name = "foldwork.store", havingValue = "memory", matchIfMissing = true)
    TraceIndex traceIndex() {
        return new MemoryTraceIndex();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "foldwork.store", havingValue = "clickhouse")
    ClickHouseTraceIndex clickHouseTraceIndex(ClickHouseDatabase database) {
        return new ClickHouseTraceIndex(database);
    }

    /** Does nothing unless the process was started with {@code --demo}. */
    @Bean
    DemoRunner demoRunner(ApplicationContext context, FoldworkProperties properties, PipelineRegistry registry,
                          EventSourcingService service, EventStore events, FoldStore folds, AppendStore records) {
        return new DemoRunner(context, properties, registry, service, events, folds, records);
    }
}
