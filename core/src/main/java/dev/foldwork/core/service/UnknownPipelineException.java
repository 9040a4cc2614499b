package dev.foldwork.core.service;

/** A command named a pipeline or command type that the registry does not have. */
public class UnknownPipelineException extends RuntimeException {
    public UnknownPipelineException(String message) {
        super(message);
    }
}
