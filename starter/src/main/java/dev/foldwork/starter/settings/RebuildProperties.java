package dev.foldwork.starter.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.rebuild.*}: rebuilds of a projection from the event store (admin API).
 *
 * @param drain how long the live writers' steps in flight at a swap may take; the rebuild's final
 *              pass runs again after it (catch-up covers a step slower than that)
 */
@ConfigurationProperties("foldwork.rebuild")
public record RebuildProperties(@DefaultValue("2s") Duration drain) {}
