package dev.foldwork.pipelines;

import dev.foldwork.core.commands.Payload;

/**
 * The SDK that sent a command, as the optional payload fields {@code sdkName} and
 * {@code sdkVersion}. They become the SDK usage key {@code sdkName@sdkVersion}, so they obey the
 * id rules, and the name holds no {@code @}: the key splits at its first one, so two different
 * pairs can never share a key ({@code x@y} + {@code z} against {@code x} + {@code y@z}).
 */
public record SdkFields(String sdkName, String sdkVersion) {
    public static final int MAX_LENGTH = 64;

    public static SdkFields read(Payload payload) {
        String name = payload.optionalId("sdkName").orElse(null);
        String version = payload.optionalId("sdkVersion").orElse(null);
        payload.check(name == null || name.length() <= MAX_LENGTH, "sdkName", "must be at most " + MAX_LENGTH + " characters");
        payload.check(name == null || name.indexOf('@') < 0, "sdkName", "must not hold @, which separates it from the version");
        payload.check(version == null || version.length() <= MAX_LENGTH, "sdkVersion", "must be at most " + MAX_LENGTH + " characters");
        payload.check(name != null || version == null, "sdkName", "is required when sdkVersion is given");
        return new SdkFields(name, version);
    }
}
