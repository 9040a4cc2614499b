package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.runtime.rebuild.NewFolds;
import dev.foldwork.core.runtime.rebuild.Rebuilds;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.starter.settings.RebuildProperties;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/** Rebuilds run in the process whose admin API started them, so every process serving the API has one. */
@AutoConfiguration
@Conditional(ServesCommandsCondition.class)
public class RebuildAutoConfiguration {
    @Bean(destroyMethod = "close")
    Rebuilds rebuilds(PipelineRegistry registry, EventStore events, FoldStore folds, AppendStore mapRecords,
                      EventDispatcher dispatcher, RebuildProperties properties) {
        return new Rebuilds(registry, events, folds, mapRecords, dispatcher, properties.drain(), System::currentTimeMillis);
    }

    /** {@code foldwork.rebuild.new-folds} (default true): build the folds the store has not marked built, after start-up. */
    @Bean
    @ConditionalOnProperty(name = "foldwork.rebuild.new-folds", havingValue = "true", matchIfMissing = true)
    NewFoldsAtStartUp newFoldsAtStartUp(PipelineRegistry registry, EventStore events, FoldStore folds, Rebuilds rebuilds) {
        List<FoldProjection<?>> everyFold = Stream.concat(registry.pipelines().stream().flatMap(p -> p.folds().stream()),
                registry.globalFolds().stream()).distinct().toList();
        return new NewFoldsAtStartUp(new NewFolds(everyFold, events, folds, rebuilds));
    }
}
