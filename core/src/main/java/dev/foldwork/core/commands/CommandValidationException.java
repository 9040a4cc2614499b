package dev.foldwork.core.commands;

import java.util.List;
import java.util.stream.Collectors;

/** A command payload that was refused; names every field at fault. Nothing was stored. */
public class CommandValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public CommandValidationException(List<FieldError> errors) {
        super("invalid command: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public static CommandValidationException of(String field, String reason) {
        return new CommandValidationException(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
