package dev.foldwork.starter.problem;

import dev.foldwork.clickhouse.ClickHouseRejectedException;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.service.UnknownPipelineException;
import dev.foldwork.core.stores.StoreException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into problem+json. Bad input is a 4xx naming what was wrong; a backing
 * service that is down is a 503; anything else is a 500 whose detail leaks nothing.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return Problems.entity(Problems.problem(e.status(), e.title(), e.getMessage()));
    }

    @ExceptionHandler(CommandValidationException.class)
    ResponseEntity<ProblemDetail> invalid(CommandValidationException e) {
        return Problems.entity(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "invalid command", e.getMessage()), e.errors()));
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e) {
        return Problems.entity(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "invalid id", e.getMessage()),
                List.of(new FieldError(e.field(), e.reason()))));
    }

    @ExceptionHandler(UnknownPipelineException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownPipelineException e) {
        return Problems.entity(Problems.problem(HttpStatus.NOT_FOUND, "not found", e.getMessage()));
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejectedException e) {
        return Problems.entity(Problems.problem(HttpStatus.CONFLICT, "command rejected", e.getMessage()));
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<ProblemDetail> storeFailed(StoreException e) {
        log.warn("store failed", e);
        return Problems.entity(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "store unavailable",
                "a store did not answer; nothing was stored; retry later"));
    }

    /** Not a failure to report as "nothing stored": the write is queued, and sending it again may store it twice. */
    @ExceptionHandler(AcceptedNotStoredException.class)
    ResponseEntity<ProblemDetail> acceptedNotStored(AcceptedNotStoredException e) {
        log.warn("write accepted, not stored yet: {}", e.getMessage());
        return Problems.entity(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "accepted, not stored yet",
                e.getMessage() + "; sending it again may store it twice"));
    }

    /** The store refused the data itself: the client's to fix, not a store that is down. */
    @ExceptionHandler(ClickHouseRejectedException.class)
    ResponseEntity<ProblemDetail> storeRejected(ClickHouseRejectedException e) {
        log.warn("store refused a write", e);
        return Problems.entity(Problems.problem(HttpStatus.BAD_REQUEST, "rejected by the store",
                "the store refused what the command holds; nothing of it was stored; change it before sending it again"));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        return Problems.entity(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error",
                "the request failed unexpectedly; see the service log"));
    }
}
