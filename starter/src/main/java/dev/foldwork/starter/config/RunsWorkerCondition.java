package dev.foldwork.starter.config;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True unless {@code foldwork.role} is web: a web process runs no worker. */
public final class RunsWorkerCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("foldwork.role", FoldworkProperties.Role.class)
                .orElse(FoldworkProperties.Role.ALL)
                .runsWorker();
    }
}
