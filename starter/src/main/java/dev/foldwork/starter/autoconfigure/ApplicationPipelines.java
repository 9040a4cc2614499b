package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry an application gets when it defines {@link Pipeline} beans but no
 * {@link PipelineRegistry}: its domain pipelines, and its {@code global_projections} pipeline
 * if it defines one. With neither there is nothing to run, and the start fails saying what to define.
 */
final class ApplicationPipelines {
    private ApplicationPipelines() {}

    static PipelineRegistry registry(List<Pipeline> beans) {
        if (beans.isEmpty()) {
            throw new IllegalStateException("Foldwork has no pipelines to run: define a bean of type "
                    + PipelineRegistry.class.getName() + ", or one bean of type " + Pipeline.class.getName()
                    + " per pipeline (Pipeline.named(...).build(); global folds in one Pipeline.globalProjections().build())");
        }
        List<Pipeline> domain = new ArrayList<>();
        List<Pipeline> global = new ArrayList<>();
        for (Pipeline pipeline : beans) {
            (pipeline.isGlobal() ? global : domain).add(pipeline);
        }
        if (global.size() > 1) {
            throw new IllegalStateException("Foldwork takes one " + Pipeline.GLOBAL_PROJECTIONS + " pipeline bean, found "
                    + global.size() + ": put every global fold in one Pipeline.globalProjections() builder");
        }
        return PipelineRegistry.of(domain, global.isEmpty() ? Pipeline.globalProjections().build() : global.get(0));
    }
}
