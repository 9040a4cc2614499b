package dev.foldwork.starter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.starter.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Reads a command body: bounded in size, strict JSON (no duplicate keys, nothing after it), and an object. */
public final class RequestBodies {
    private RequestBodies() {}

    public static JsonNode readJsonObject(HttpServletRequest request, int maxBytes) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new ApiException.UnsupportedMediaType("send the command as application/json, not \"" + contentType + "\"");
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new ApiException.TooLarge(declared, maxBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
            throw new ApiException.TooLarge(body.length, maxBytes);
        }
        if (body.length == 0) {
            throw new ApiException.Malformed("the request body is empty; send a JSON object");
        }
        JsonNode json;
        try {
            json = Json.parseStrict(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Malformed(firstLine(e.getMessage()));
        }
        if (json == null || !json.isObject()) {
            throw new ApiException.Malformed("the body must be a JSON object");
        }
        return json;
    }

    /** A field of a body that may be left out (or null); any value but a string is a 400 naming {@code label}. */
    public static String optionalText(JsonNode object, String field, String label) {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException.Malformed(label + " must be a string");
        }
        return value.asText();
    }

    /** An unparseable Content-Type is not JSON either: 415, not a failure of the service. */
    private static boolean isJson(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
