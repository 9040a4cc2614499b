package dev.foldwork.starter.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CatchUp;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.starter.demo.DemoRunner;
import dev.foldwork.starter.http.BodyReadFilter;
import dev.foldwork.starter.http.Problems;
import dev.foldwork.starter.metrics.CommandMetrics;
import dev.foldwork.starter.metrics.MeteredDispatcher;
import dev.foldwork.starter.security.ApiKeyFilter;
import dev.foldwork.starter.security.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The command side and its HTTP guard. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

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
    ApiKeys apiKeys(FoldworkProperties properties) {
        ApiKeys keys = new ApiKeys(properties.apiKeys(), properties.adminKeys());
        if (!keys.hasTenantKeys()) {
            log.warn("no foldwork.api-keys configured: every tenant request will be refused with 401");
        }
        return keys;
    }

    @Bean
    Problems problems(ObjectMapper mapper) {
        return new Problems(mapper);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, Problems problems) {
        // Every path: the filter itself decides which few are public (deny by default).
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /** Reads bodies before the key check, so a refused request's body never ties up a thread either. */
    @Bean
    FilterRegistrationBean<BodyReadFilter> bodyReadFilter(FoldworkProperties properties, Problems problems) {
        FilterRegistrationBean<BodyReadFilter> registration = new FilterRegistrationBean<>(
                new BodyReadFilter(properties.maxBodyBytes(), properties.bodyReadTimeout(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    /** Does nothing unless the process was started with {@code --demo}. */
    @Bean
    DemoRunner demoRunner(ApplicationContext context, FoldworkProperties properties, PipelineRegistry registry,
                          EventSourcingService service, EventStore events, FoldStore folds, AppendStore records) {
        return new DemoRunner(context, properties, registry, service, events, folds, records);
    }

    @Bean
    CommandMetrics commandMetrics(MeterRegistry meters, PipelineRegistry registry) {
        return new CommandMetrics(meters, registry);
    }
}
