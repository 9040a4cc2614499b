package dev.foldwork.starter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.testing.LedgerPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the pipeline registry comes from: the application's registry, else its pipeline beans, else a clear refusal. */
class PipelineRegistryAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("foldwork.dispatch=memory")
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withConfiguration(AutoConfigurations.of(FoldworkAutoConfiguration.class, StoreAutoConfiguration.class,
                    DispatchAutoConfiguration.class));

    @Test
    void anApplicationWithoutPipelinesFailsToStartNamingWhatToDefine() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("Foldwork has no pipelines to run")
                    .hasMessageContaining("define a bean of type " + PipelineRegistry.class.getName())
                    .hasMessageContaining(Pipeline.class.getName());
        });
    }

    @Test
    void theApplicationsPipelineBeansMakeTheRegistry() {
        runner.withBean("ledger", Pipeline.class, () -> LedgerPipeline.pipeline((context, event) -> {}))
                .run(context -> {
                    PipelineRegistry registry = context.getBean(PipelineRegistry.class);
                    assertThat(registry.pipeline(LedgerPipeline.NAME)).isPresent();
                    assertThat(registry.globalFolds()).isEmpty();
                });
    }

    @Test
    void theApplicationsOwnRegistryWins() {
        PipelineRegistry own = LedgerPipeline.registry((context, event) -> {});
        runner.withBean(PipelineRegistry.class, () -> own)
                .withBean("ignored", Pipeline.class, () -> Pipeline.named("other").aggregateType("other").build())
                .run(context -> assertThat(context.getBean(PipelineRegistry.class)).isSameAs(own));
    }
}
