package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.CommandGatewayRef;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.starter.embedded.EmbeddedTemporal;
import dev.foldwork.starter.health.TemporalHealth;
import dev.foldwork.starter.metrics.MeteredDispatcher;
import dev.foldwork.starter.settings.RunsWorkerCondition;
import dev.foldwork.starter.settings.TemporalProperties;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.LocalAppendWatch;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.TemporalStreamWriter;
import dev.foldwork.workflows.client.WriteAcceptance;
import dev.foldwork.workflows.worker.FoldWorker;
import dev.foldwork.workflows.worker.SearchAttributeRegistration;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The Temporal mode: every process gets a client, the {@link TemporalDispatcher} and the
 * {@link TemporalStreamWriter} (reactors send commands from workers too); a worker or all-in-one
 * process also runs the fold worker.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "foldwork.dispatch", havingValue = "temporal", matchIfMissing = true)
public class TemporalAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TemporalAutoConfiguration.class);
    private static final String TEST_SERVER_CLASS = "io.temporal.internal.testservice.TestServicesStarter";

    /**
     * {@code foldwork.temporal.embedded=true}: Temporal's test server in this process, for a laptop
     * or a demo. Off by default, since nothing it holds outlives the process; the application that
     * turns it on brings {@code io.temporal:temporal-test-server}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.temporal.embedded", havingValue = "true")
    static class Embedded {
        @Bean(destroyMethod = "close")
        EmbeddedTemporal embeddedTemporal(TemporalProperties temporal) {
            if (!ClassUtils.isPresent(TEST_SERVER_CLASS, Embedded.class.getClassLoader())) {
                throw new IllegalStateException("foldwork.temporal.embedded=true needs Temporal's test server on the class path:"
                        + " add the dependency io.temporal:temporal-test-server, or set foldwork.temporal.embedded=false"
                        + " and foldwork.temporal.target to a Temporal frontend");
            }
            return new EmbeddedTemporal(temporal.embeddedBindAddress(), temporal.port());
        }
    }

    /** Waits for the embedded server, when there is one, so the client never races its start. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    WorkflowServiceStubs workflowServiceStubs(TemporalProperties temporal, ObjectProvider<EmbeddedTemporal> embedded) {
        EmbeddedTemporal server = embedded.getIfAvailable(); // if configured, listening before the client connects
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
        return WorkflowServiceStubs.newServiceStubs(server != null
                ? options.setChannel(server.channel()).build() // in this process: no socket in between
                : options.setTarget(temporal.target()).build());
    }

    @Bean
    @ConditionalOnMissingBean
    WorkflowClient workflowClient(WorkflowServiceStubs service, TemporalProperties temporal) {
        return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
    }

    @Bean
    TemporalHealth temporalHealth(WorkflowServiceStubs service, TemporalProperties temporal) {
        return new TemporalHealth(service, temporal.target());
    }

    @Bean(destroyMethod = "close")
    TemporalDispatcher temporalDispatcher(WorkflowClient client, EventRouter router, TemporalProperties temporal) {
        return new TemporalDispatcher(client, router, dispatcherOptions(temporal));
    }

    /**
     * Commands write through their aggregate's fold workflow, the stream's single writer across
     * every web process; the stored events then go on to the global folds, metered like any dispatch.
     */
    @Bean
    StreamWriter temporalStreamWriter(WorkflowClient client, EventRouter router, TemporalDispatcher dispatcher,
                                      TemporalProperties temporal, MeterRegistry meters,
                                      ObjectProvider<LocalAppendWatch> localAppends) {
        return new TemporalStreamWriter(client, router, dispatcherOptions(temporal),
                new MeteredDispatcher(dispatcher.toGlobalFolds(), meters), acceptance(temporal, localAppends.getIfAvailable()));
    }

    /**
     * The embedded test server keeps its histories in this process: a signal it accepted would die
     * with the process before its events were stored. So there an ingestion write goes by signal
     * and is answered once this process's worker stored it; a web-only process on the embedded
     * server stores every write first.
     */
    private static WriteAcceptance acceptance(TemporalProperties temporal, LocalAppendWatch localAppends) {
        if (!temporal.embedded()) {
            return WriteAcceptance.whenSignalled();
        }
        return localAppends != null ? WriteAcceptance.whenStoredBy(localAppends) : WriteAcceptance.never();
    }

    /** The embedded all-in-one process's worker tells its web when a write it signalled is stored. */
    @Bean
    @ConditionalOnProperty(name = "foldwork.temporal.embedded", havingValue = "true")
    @Conditional(RunsWorkerCondition.class)
    LocalAppendWatch localAppendWatch() {
        return new LocalAppendWatch();
    }

    private static TemporalDispatcherOptions dispatcherOptions(TemporalProperties temporal) {
        return TemporalDispatcherOptions.defaults()
                .withTaskQueue(temporal.taskQueue())
                .withBatchWindow(temporal.batchWindow())
                .withMaxInlineBytes(temporal.maxInlineBytes());
    }

    /** The fold worker, started once the context is up; absent in the web role. */
    @Bean
    @Conditional(RunsWorkerCondition.class)
    FoldWorkerLifecycle foldWorker(TemporalProperties temporal, WorkflowServiceStubs service, WorkflowClient client,
                                   PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore records,
                                   CommandGatewayRef reactorCommands, ObjectProvider<LocalAppendWatch> localAppends) {
        registerSearchAttributes(service, temporal);
        LocalAppendWatch watch = localAppends.getIfAvailable();
        WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(temporal.workflowCacheSize())
                .setMaxWorkflowThreadCount(temporal.workflowCacheSize())
                .build());
        WorkerOptions workerOptions = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(temporal.stickyScheduleToStart())
                .setDefaultDeadlockDetectionTimeout(temporal.deadlockDetection().toMillis())
                .build();
        EventStore workerEvents = watch == null ? events : watch.watching(events);
        FoldWorker.register(factory, temporal.taskQueue(), workerOptions, registry, workerEvents, folds, records, reactorCommands,
                FoldWorkflowOptions.defaults().withIdleTimeout(temporal.idleTimeout())
                        .withMaxHistoryLength(temporal.maxHistoryLength())
                        .withMaxPendingActivities(temporal.maxPendingActivities())
                        .withMaxActivityInputBytes(temporal.maxActivityInputBytes()));
        return new FoldWorkerLifecycle(factory);
    }

    private static void registerSearchAttributes(WorkflowServiceStubs service, TemporalProperties temporal) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
        try {
            var added = SearchAttributeRegistration.ensure(operator, temporal.namespace());
            if (!added.isEmpty()) {
                log.info("registered search attributes {} in namespace {}", added, temporal.namespace());
            }
        } finally {
            operator.shutdown();
        }
    }
}
