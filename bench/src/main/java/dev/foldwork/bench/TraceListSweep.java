package dev.foldwork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The service's trace list read page by page, to see which traces' summaries count all their spans.
 * The list is the trace index, which the trace_index reactor fills from each stored summary, so a
 * trace listed complete has a complete summary: a sweep is a few requests where a GET per trace
 * is thousands (which took a core from the work being measured, and minutes against a busy ClickHouse).
 */
final class TraceListSweep {
    /** Traces per page, the most a page holds. */
    private static final int PAGE = 500;

    private TraceListSweep() {}

    /** Sweeps the list once, removing from {@code waiting} (trace id to spans) every trace listed with at least its spans. */
    static void sweep(HttpClient http, String url, Map<String, Integer> waiting) throws IOException, InterruptedException {
        sweep(http, url, "", waiting);
    }

    /** As {@link #sweep(HttpClient, String, Map)}, over the traces the list's {@code filter} (query parameters) selects. */
    static void sweep(HttpClient http, String url, String filter, Map<String, Integer> waiting) throws IOException, InterruptedException {
        String cursor = null;
        do {
            JsonNode page = page(http, url, filter, cursor);
            for (JsonNode trace : page.path("items")) {
                Integer spans = waiting.get(trace.path("traceId").asText());
                if (spans != null && trace.path("spanCount").asLong() >= spans) {
                    waiting.remove(trace.path("traceId").asText());
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && !waiting.isEmpty());
    }

    private static JsonNode page(HttpClient http, String url, String filter, String cursor) throws IOException, InterruptedException {
        String query = "?limit=" + PAGE + (filter.isEmpty() ? "" : "&" + filter) + (cursor == null ? "" : "&cursor=" + cursor);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/pipelines/trace/aggregates" + query))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ServiceProcess.API_KEY).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the trace list answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }
}
