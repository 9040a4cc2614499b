package dev.foldwork.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Speaks to the service over real HTTP, as a user would. */
public final class ApiClient {
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response post(String path, String apiKey, String contentType, String body) {
        return post(path, apiKey, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes as they are, also ones that are not valid UTF-8. */
    public Response post(String path, String apiKey, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    public Response command(String apiKey, String pipeline, String command, String json) {
        return post("/api/v1/pipelines/" + pipeline + "/commands/" + command, apiKey, "application/json", json);
    }

    public Response get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request.build());
    }

    /** Any method, path and headers (given as name, value pairs), for requests a user would not send. */
    public Response request(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
