package dev.foldwork.pipelines;

/** An event that names the SDK that sent it (null when the SDK did not say); SDK usage counts these. */
public interface SentBySdk {
    String sdkName();

    String sdkVersion();
}
