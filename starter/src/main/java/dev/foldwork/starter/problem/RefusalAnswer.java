package dev.foldwork.starter.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * How the filters refuse a request to an endpoint whose own protocol says how it fails (OTLP/HTTP
 * answers with a {@code google.rpc.Status}), instead of the API's problem+json. The filters answer
 * before any controller runs, so an endpoint's exception handlers never see these refusals.
 */
public interface RefusalAnswer {
    /** Whether this answers refusals of {@code request}. */
    boolean answers(HttpServletRequest request);

    /** Writes the refusal: the status, and {@code message}, which says what was wrong. */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message) throws IOException;
}
