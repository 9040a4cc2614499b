package dev.foldwork.starter.settings;

/** True unless {@code foldwork.role} is worker: a worker serves no command or query API. */
public final class ServesCommandsCondition extends RoleCondition {
    @Override
    boolean allows(FoldworkProperties.Role role) {
        return role.servesCommands();
    }
}
