package dev.foldwork.pipelines.simulation;

/** Who said a message in a simulated conversation. */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT, TOOL
}
