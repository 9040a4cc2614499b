package dev.foldwork.starter.config;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.trace.ModelPrices;
import dev.foldwork.pipelines.trace.TraceUpdateSink;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pipelines this service runs: the product's four and the global projections, unless a bean overrides them. */
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
        return Pipelines.registry(new Pipelines.Settings(properties.evaluationQuietPeriod(), defaults.evaluatorId(),
                defaults.updateThrottle(), prices), updates, traceIndex);
    }

    @Bean
    EventRouter eventRouter(PipelineRegistry registry) {
        return new EventRouter(registry);
    }
}
