package dev.foldwork.service.otlp;

import dev.foldwork.starter.problem.RefusalAnswer;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the filters refuse on {@code POST /v1/traces} before its controller runs (a missing or
 * unknown API key, a body over {@code foldwork.max-body-bytes}, a body that stalls) is answered as
 * OTLP/HTTP says, like the controller's own failures ({@link OtlpFailures}): an exporter reads a
 * {@code google.rpc.Status}, not problem+json.
 */
@Component
@Conditional(ServesCommandsCondition.class)
public class OtlpRefusals implements RefusalAnswer {
    static final String PATH = "/v1/traces";

    @Override
    public boolean answers(HttpServletRequest request) {
        return PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
            throws IOException {
        OtlpStatusBody body = OtlpStatusBody.of(message, request.getContentType());
        response.setStatus(status.value());
        response.setContentType(body.contentType().toString());
        response.getOutputStream().write(body.bytes());
    }
}
