package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.service.StreamWriter;
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
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The command side every process has: the application's pipelines, the {@link EventSourcingService}
 * that stores commands' events through their streams' writer, reactors' way back into it, and, in a
 * worker, the catch-up loop. The stores, the dispatcher and the HTTP API come from the other
 * Foldwork auto-configurations.
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

    /** Reactors send commands through the service, which is built after the dispatcher. */
    @Bean
    CommandGatewayRef reactorCommands() {
        return new CommandGatewayRef();
    }

    @Bean
    ReactorExecutor reactorExecutor(PipelineRegistry registry, CommandGatewayRef commands) {
        return new ReactorExecutor(registry, commands);
    }

    /**
     * Commands go through their streams' single writer: a mode whose writer spans processes
     * defines a {@link StreamWriter} bean; otherwise this process is the only writer.
     */
    @Bean
    EventSourcingService eventSourcingService(PipelineRegistry registry, EventStore events, EventDispatcher dispatcher,
                                              ObjectProvider<StreamWriter> modeWriter, CommandGatewayRef reactorCommands,
                                              MeterRegistry meters) {
        StreamWriter writer = modeWriter.getIfAvailable(
                () -> new LocalStreamWriter(events, new MeteredDispatcher(dispatcher, meters)));
        EventSourcingService service = new EventSourcingService(registry, events, writer, new EventIds(Clock.systemUTC()));
        reactorCommands.bind(service);
        return service;
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
