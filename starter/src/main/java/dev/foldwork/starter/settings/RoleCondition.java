package dev.foldwork.starter.settings;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the configured {@code foldwork.role} (default all) allows what the subclass asks. */
abstract class RoleCondition implements Condition {
    abstract boolean allows(FoldworkProperties.Role role);

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return allows(Binder.get(context.getEnvironment())
                .bind("foldwork.role", FoldworkProperties.Role.class)
                .orElse(FoldworkProperties.Role.ALL));
    }
}
