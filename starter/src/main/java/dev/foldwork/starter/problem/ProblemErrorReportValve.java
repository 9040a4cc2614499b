package dev.foldwork.starter.problem;

import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to what it refuses before the application runs (a malformed request line or
 * header, an encoded slash, an unknown transfer encoding): problem+json like every other error,
 * instead of Tomcat's HTML page. Errors the application answered itself are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "error" : known.getReasonPhrase();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://foldwork.dev/problems/" + reason.toLowerCase(Locale.ROOT).replace(' ', '-'));
        problem.put("title", reason.toLowerCase(Locale.ROOT));
        problem.put("status", status);
        problem.put("detail", "the server refused the request before it reached the API (" + status + " " + reason + ")");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.mapper().writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing more can be said.
        }
    }
}
