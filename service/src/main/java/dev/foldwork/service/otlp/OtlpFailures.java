package dev.foldwork.service.otlp;

import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.stores.StoreException;
import dev.foldwork.starter.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The failures of {@code POST /v1/traces} as OTLP/HTTP answers them, where the rest of the API
 * answers problem+json: the status code with a {@code google.rpc.Status} whose message says what
 * was wrong, encoded as the request was (protobuf, or JSON for a JSON request). A 503 carries
 * {@code Retry-After}, which OTLP exporters wait for before they send the export again. What the
 * filters refuse before the controller runs (a missing API key, a body over
 * {@code foldwork.max-body-bytes}, a body that stalls) is answered the same way ({@link OtlpRefusals}).
 */
@RestControllerAdvice(assignableTypes = OtlpTraceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the API's problem+json handler, which would take them all
public class OtlpFailures {
    /** Seconds an exporter is asked to wait before it sends again. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(OtlpFailures.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<byte[]> refused(ApiException e, HttpServletRequest request) {
        return answer(e.status(), e.title() + ": " + e.getMessage(), request);
    }

    /** The export stopped at a write its writer took but had not stored in time ({@link OtlpTraceController} says which). */
    @ExceptionHandler(AcceptedNotStoredException.class)
    ResponseEntity<byte[]> acceptedNotStored(AcceptedNotStoredException e, HttpServletRequest request) {
        log.warn("OTLP export accepted in part, not stored yet: {}", e.getMessage());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "accepted, not stored yet: " + e.getMessage(), request);
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<byte[]> storeFailed(StoreException e, HttpServletRequest request) {
        log.warn("store failed during an OTLP export", e);
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "store unavailable: a store did not answer; the trace it was"
                + " writing was not stored; send the export again later", request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> unexpected(RuntimeException e, HttpServletRequest request) {
        log.error("an OTLP export failed unexpectedly", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: the export failed unexpectedly; see the service log",
                request);
    }

    private static ResponseEntity<byte[]> answer(HttpStatus status, String message, HttpServletRequest request) {
        OtlpStatusBody body = OtlpStatusBody.of(message, request.getContentType());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        return response.contentType(body.contentType()).body(body.bytes());
    }
}
