package dev.foldwork.starter.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldwork.core.commands.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem+json answers; fields at fault go in an {@code errors} list. */
public final class Problems {
    private final ObjectMapper mapper;
    private final List<RefusalAnswer> refusalAnswers;

    /** {@code refusalAnswers}: endpoints whose refusals by the filters are not problem+json. */
    public Problems(ObjectMapper mapper, List<RefusalAnswer> refusalAnswers) {
        this.mapper = mapper;
        this.refusalAnswers = List.copyOf(refusalAnswers);
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://foldwork.dev/problems/" + title.replace(' ', '-')));
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "reason", e.reason())).toList());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> entity(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * For filters, which answer before Spring MVC's exception handling exists: problem+json, or
     * the answer of the request's endpoint when it has its own ({@link RefusalAnswer}).
     */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        for (RefusalAnswer answer : refusalAnswers) {
            if (answer.answers(request)) {
                answer.write(request, response, status, title + ": " + detail);
                return;
            }
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem(status, title, detail));
    }
}
