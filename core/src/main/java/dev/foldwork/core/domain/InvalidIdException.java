package dev.foldwork.core.domain;

/** An identifier that is empty, too long or holds characters that are not allowed. */
public class InvalidIdException extends IllegalArgumentException {
    private final String field;

    public InvalidIdException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
