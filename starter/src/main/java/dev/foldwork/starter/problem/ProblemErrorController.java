package dev.foldwork.starter.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container forwards what it rejects before Spring MVC runs
 * (and what a filter ends with {@code sendError}): answered as problem+json like every other
 * error, never as HTML or Spring Boot's default JSON. Opened directly, with no error to report,
 * it is a plain 404.
 */
@RestController
public class ProblemErrorController implements ErrorController {
    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return Problems.entity(Problems.problem(HttpStatus.NOT_FOUND, "not found", "no resource at /error"));
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return Problems.entity(Problems.problem(status, status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT),
                "the server refused the request before it reached the API (" + status.value() + " "
                        + status.getReasonPhrase() + ")"));
    }
}
