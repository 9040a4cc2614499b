package dev.foldwork.starter.config;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True unless {@code foldwork.role} is worker: a worker serves no command or query API. */
public final class ServesCommandsCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("foldwork.role", FoldworkProperties.Role.class)
                .orElse(FoldworkProperties.Role.ALL)
                .servesCommands();
    }
}
