package dev.foldwork.service.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import dev.foldwork.starter.problem.ApiException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * A failure of {@code POST /v1/traces} as OTLP/HTTP writes it: a {@code google.rpc.Status} whose
 * message says what was wrong, in the request's encoding (JSON for a JSON request; protobuf for
 * protobuf, and for a type that is neither).
 */
record OtlpStatusBody(MediaType contentType, byte[] bytes) {
    static OtlpStatusBody of(String message, String requestContentType) {
        Status status = Status.newBuilder().setMessage(message).build();
        if (!isJson(requestContentType)) {
            return new OtlpStatusBody(OtlpBody.PROTOBUF, status.toByteArray());
        }
        try {
            return new OtlpStatusBody(MediaType.APPLICATION_JSON, JsonFormat.printer().print(status).getBytes(StandardCharsets.UTF_8));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a Status with a message did not print as JSON", e);
        }
    }

    private static boolean isJson(String contentType) {
        try {
            return OtlpBody.encodingOf(contentType) == OtlpBody.Encoding.JSON;
        } catch (ApiException e) {
            return false;
        }
    }
}
