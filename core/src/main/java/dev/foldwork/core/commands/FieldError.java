package dev.foldwork.core.commands;

/** One field of a command payload that is wrong, and why. */
public record FieldError(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
