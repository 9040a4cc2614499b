package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.domain.TenantId;
import java.time.Duration;

/**
 * A job to stage: its group, its body (opaque to the queue), and how it joins the group.
 * Built through the factories, which check the group name against the key layout.
 */
public record StagedJob(Mode mode, String group, String body, long delayMillis, String note) {
    public enum Mode {
        /** Into the named group, behind its other jobs. */
        IN_GROUP("n"),
        /**
         * Into the named group like {@link #IN_GROUP}, but only a hint of work whose truth is kept
         * elsewhere: a held-back group that holds {@link GroupQueueOptions#maxHeldHints} jobs sheds it.
         */
        HINT("h"),
        /** Into a group of its own; the queue appends the job id to the name. */
        OWN_GROUP("o"),
        /** Replaces the group's last job that has not started, restarting its delay; else queues. */
        DEDUP("d"),
        /** Straight to the dead letters, with {@code note} as the error. */
        DEAD("x");

        final String code;

        Mode(String code) {
            this.code = code;
        }
    }

    public StagedJob {
        QueueKeys.checkGroup(group);
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delayMillis + " ms");
        }
    }

    public static StagedJob inGroup(TenantId tenant, String name, String body) {
        return new StagedJob(Mode.IN_GROUP, QueueKeys.group(tenant, name), body, 0, "");
    }

    public static StagedJob hint(TenantId tenant, String name, String body) {
        return new StagedJob(Mode.HINT, QueueKeys.group(tenant, name), body, 0, "");
    }

    public static StagedJob ownGroup(TenantId tenant, String namePrefix, String body) {
        return new StagedJob(Mode.OWN_GROUP, QueueKeys.group(tenant, namePrefix), body, 0, "");
    }

    public static StagedJob dedup(TenantId tenant, String name, String body, Duration delay) {
        return new StagedJob(Mode.DEDUP, QueueKeys.group(tenant, name), body, delay.toMillis(), "");
    }

    public static StagedJob dead(TenantId tenant, String namePrefix, String body, String error) {
        return new StagedJob(Mode.DEAD, QueueKeys.group(tenant, namePrefix), body, 0, error);
    }
}
