package dev.foldwork.starter.problem;

import org.springframework.http.HttpStatus;

/** Request problems found by the HTTP layer itself, each with its status. */
public abstract class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    protected ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static final class TooLarge extends ApiException {
        public TooLarge(long size, int max) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, "body too large",
                    "the body has " + size + " bytes or more; at most " + max + " are accepted (foldwork.max-body-bytes)");
        }
    }

    public static final class Malformed extends ApiException {
        public Malformed(String detail) {
            super(HttpStatus.BAD_REQUEST, "malformed body", detail);
        }
    }

    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String detail) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported media type", detail);
        }
    }

    public static final class Unauthorized extends ApiException {
        public Unauthorized(String detail) {
            super(HttpStatus.UNAUTHORIZED, "missing API key", detail);
        }
    }

    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(HttpStatus.NOT_FOUND, "not found", detail);
        }
    }

    public static final class BadParameter extends ApiException {
        public BadParameter(String detail) {
            super(HttpStatus.BAD_REQUEST, "bad parameter", detail);
        }
    }

    /** A canary item of a bulk operation failed or did not finish in time; the rest was not touched. */
    public static final class CanaryFailed extends ApiException {
        public CanaryFailed(String detail) {
            super(HttpStatus.CONFLICT, "canary failed", detail);
        }
    }

    /** What an operation's target refused in its current state (409) or as asked (400), in its own words. */
    public static final class Refused extends ApiException {
        public Refused(HttpStatus status, String detail) {
            super(status, "refused", detail);
        }
    }
}
