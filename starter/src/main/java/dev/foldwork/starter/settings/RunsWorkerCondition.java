package dev.foldwork.starter.settings;

/** True unless {@code foldwork.role} is web: a web process runs no worker. */
public final class RunsWorkerCondition extends RoleCondition {
    @Override
    boolean allows(FoldworkProperties.Role role) {
        return role.runsWorker();
    }
}
