package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.starter.metrics.CommandMetrics;
import dev.foldwork.starter.metrics.MeteredDispatcher;
import dev.foldwork.starter.settings.CatchUpProperties;
import dev.foldwork.starter.settings.ClickHouseProperties;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.RebuildProperties;
import dev.foldwork.starter.settings.RedisProperties;
import dev.foldwork.starter.settings.RunsWorkerCondition;
import dev.foldwork.starter.settings.TemporalProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The command side every process has: the application's pipelines and the
 * {@link Foldwork.Builder} over the configured stores, from which the mode's auto-configuration
 * ({@link DispatchAutoConfiguration}, {@link TemporalAutoConfiguration}) builds the one
 * {@link Foldwork} setup; its {@link EventSourcingService} stores commands' events through their
 * streams' writer. In a worker, the catch-up loop. The stores and the HTTP API come from the
 * other Foldwork auto-configurations.
 */
@AutoConfiguration
@EnableConfigurationProperties({FoldworkProperties.class, TemporalProperties.class, RedisProperties.class,
        ClickHouseProperties.class, CatchUpProperties.class, RebuildProperties.class})
public class FoldworkAutoConfiguration {

    /** Without a registry of its own, the application's {@link Pipeline} beans make one. */
    @Bean
    @ConditionalOnMissingBean
    PipelineRegistry pipelineRegistry(ObjectProvider<Pipeline> pipelines) {
        return ApplicationPipelines.registry(pipelines.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    EventRouter eventRouter(PipelineRegistry registry) {
        return new EventRouter(registry);
    }

    /** The setup minus its mode: every dispatch the writer makes is timed ({@link MeteredDispatcher}). */
    @Bean
    Foldwork.Builder<?> foldworkBuilder(PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore records,
                                        MeterRegistry meters) {
        return Foldwork.builder(registry)
                .stores(events, folds, records)
                .observeDispatch(dispatcher -> new MeteredDispatcher(dispatcher, meters));
    }

    @Bean
    EventSourcingService eventSourcingService(Foldwork<?> foldwork) {
        return foldwork.service();
    }

    /** Workers bring lagging folds up to date from the event store: deliveries are only hints. */
    @Bean
    @Conditional(RunsWorkerCondition.class)
    CatchUpLoop catchUpLoop(EventRouter router, EventStore events, FoldStore folds, EventDispatcher dispatcher,
                            CatchUpProperties catchUp, MeterRegistry meters) {
        return new CatchUpLoop(new CatchUp(router, events, folds, dispatcher, catchUp.options()), catchUp.interval(), meters);
    }

    @Bean
    CommandMetrics commandMetrics(MeterRegistry meters, PipelineRegistry registry) {
        return new CommandMetrics(meters, registry);
    }
}
