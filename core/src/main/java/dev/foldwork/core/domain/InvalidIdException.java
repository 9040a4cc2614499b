package dev.foldwork.core.domain;

/** An identifier that is empty, too long or holds characters that are not allowed. */
public class InvalidIdException extends IllegalArgumentException {
    private final String field;
    private final String reason;

    public InvalidIdException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the id, without the field's name: "must not be empty". */
    public String reason() {
        return reason;
    }
}
