package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.Foldwork;
import dev.foldwork.starter.embedded.EmbeddedTemporal;
import dev.foldwork.starter.health.TemporalHealth;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.TemporalProperties;
import dev.foldwork.workflows.FoldWorkflowOptions;
import dev.foldwork.workflows.client.LocalAppendWatch;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import dev.foldwork.workflows.client.WriteAcceptance;
import dev.foldwork.workflows.worker.SearchAttributeRegistration;
import dev.foldwork.workflows.worker.TemporalDispatch;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The Temporal mode ({@link TemporalDispatch}): every process gets a client, the
 * {@link TemporalDispatcher} and a writer through the fold workflows (reactors send commands from
 * workers too); a worker or all-in-one process also runs the fold worker.
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

    /**
     * Commands write through their aggregate's fold workflow, the stream's single writer across
     * every web process, and the stored events go on to the global folds; a worker or all-in-one
     * process also runs the fold worker, started once the setup's service is bound.
     */
    @Bean(destroyMethod = "close")
    Foldwork<TemporalDispatcher> foldwork(Foldwork.Builder<?> builder, FoldworkProperties properties,
                                          TemporalProperties temporal, WorkflowServiceStubs service, WorkflowClient client) {
        boolean runsWorker = properties.role().runsWorker();
        TemporalDispatch mode = TemporalDispatch.of(client, dispatcherOptions(temporal))
                .writingThroughWorkflows(acceptance(temporal, runsWorker));
        if (runsWorker) {
            registerSearchAttributes(service, temporal);
            mode = mode.runningWorker(
                    WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                            .setWorkflowCacheSize(temporal.workflowCacheSize())
                            .setMaxWorkflowThreadCount(temporal.workflowCacheSize())
                            .build()),
                    WorkerOptions.newBuilder()
                            .setMaxConcurrentWorkflowTaskPollers(temporal.workflowTaskPollers())
                            .setStickyQueueScheduleToStartTimeout(temporal.stickyScheduleToStart())
                            .setDefaultDeadlockDetectionTimeout(temporal.deadlockDetection().toMillis())
                            .build(),
                    FoldWorkflowOptions.defaults().withIdleTimeout(temporal.idleTimeout())
                            .withMaxHistoryLength(temporal.maxHistoryLength())
                            .withMaxPendingActivities(temporal.maxPendingActivities())
                            .withMaxActivityInputBytes(temporal.maxActivityInputBytes()));
        }
        return builder.dispatch(mode).build();
    }

    @Bean(destroyMethod = "")
    TemporalDispatcher temporalDispatcher(Foldwork<TemporalDispatcher> foldwork) {
        return foldwork.dispatcher();
    }

    /**
     * The embedded test server keeps its histories in this process: a signal it accepted would die
     * with the process before its events were stored. So there an ingestion write goes by signal
     * and is answered once this process's worker stored it; a web-only process on the embedded
     * server stores every write first.
     */
    private static WriteAcceptance acceptance(TemporalProperties temporal, boolean runsWorker) {
        if (!temporal.embedded()) {
            return WriteAcceptance.whenSignalled();
        }
        return runsWorker ? WriteAcceptance.whenStoredBy(new LocalAppendWatch()) : WriteAcceptance.never();
    }

    private static TemporalDispatcherOptions dispatcherOptions(TemporalProperties temporal) {
        return TemporalDispatcherOptions.defaults()
                .withTaskQueue(temporal.taskQueue())
                .withBatchWindow(temporal.batchWindow())
                .withMaxInlineBytes(temporal.maxInlineBytes());
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
