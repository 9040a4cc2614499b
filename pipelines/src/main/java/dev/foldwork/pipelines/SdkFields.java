package dev.foldwork.pipelines;

import dev.foldwork.core.commands.Payload;

/**
 * The SDK that sent a command, as the optional payload fields {@code sdkName} and
 * {@code sdkVersion}. They become part of the SDK usage key, so they obey the id rules.
 */
public record SdkFields(String sdkName, String sdkVersion) {
    public static final int MAX_LENGTH = 64;

    public static SdkFields read(Payload payload) {
        String name = payload.optionalId("sdkName").orElse(null);
        String version = payload.optionalId("sdkVersion").orElse(null);
        payload.check(name == null || name.length() <= MAX_LENGTH, "sdkName", "must be at most " + MAX_LENGTH + " characters");
        payload.check(version == null || version.length() <= MAX_LENGTH, "sdkVersion", "must be at most " + MAX_LENGTH + " characters");
        payload.check(name != null || version == null, "sdkName", "is required when sdkVersion is given");
        return new SdkFields(name, version);
    }
}
