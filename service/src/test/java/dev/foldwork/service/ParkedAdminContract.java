package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Commands of {@link TallyPipeline} over HTTP and the parked admin API, for the memory and Temporal mode tests. */
abstract class ParkedAdminContract {
    static final String JSON = "application/json";
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    private ApiClient api;

    ApiClient api() {
        return api;
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
        TallyPipeline.CURED.set(false);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void count(String tallyId, String memo) {
        ApiClient.Response sent = api().command(Spans.KEY_A, TallyPipeline.NAME, "count",
                "{\"tallyId\": \"" + tallyId + "\", \"memo\": \"" + memo + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    }

    static String group(String tallyId) {
        return "tenant_a:fold:tally:tally:" + tallyId;
    }

    JsonNode parked(String query) {
        ApiClient.Response response = api().get("/api/v1/admin/parked?" + query, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the group is listed parked (by tenant and its name) and returns its item. */
    JsonNode awaitParked(String tallyId) {
        return await().atMost(WAIT).until(() -> item(parked("tenant=tenant_a&group=" + tallyId), group(tallyId)), item -> item != null);
    }

    static JsonNode item(JsonNode page, String group) {
        for (JsonNode item : page.path("items")) {
            if (item.path("group").asText().equals(group)) {
                return item;
            }
        }
        return null;
    }

    static List<String> groups(JsonNode page) {
        List<String> groups = new ArrayList<>();
        page.path("items").forEach(item -> groups.add(item.path("group").asText()));
        return groups;
    }

    /** The tally fold's stored state, once it counted {@code entries}; null until then. */
    JsonNode awaitCount(String tallyId, long entries) {
        return await().atMost(WAIT).until(() -> tallyState(tallyId), state -> state != null && state.path("entries").asLong() == entries);
    }

    JsonNode tallyState(String tallyId) {
        ApiClient.Response response = api().get("/api/v1/admin/aggregates/tenant_a/tally/" + tallyId, Spans.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode fold : response.json().path("folds")) {
            if (fold.path("fold").asText().equals(TallyPipeline.FOLD)) {
                return fold.path("state").isNull() ? null : fold.path("state");
            }
        }
        return null;
    }

    ApiClient.Response post(String path, String body) {
        return api().post(path, Spans.ADMIN_KEY, JSON, body);
    }

    /** Parks the tally at a poison event between two good ones; returns its listed item. */
    JsonNode parkAtPoison(String tallyId) {
        count(tallyId, "before");
        count(tallyId, "poison");
        count(tallyId, "after");
        return awaitParked(tallyId);
    }

    /** Listed with its fold, event and error, by tenant and pipeline; another tenant's filter leaves it out; then skipped. */
    void aParkedAggregateIsListedAndSkippedAndItsFoldGoesOn() {
        String tally = uniqueId("skip");
        JsonNode item = parkAtPoison(tally);
        assertThat(item.path("tenant").asText()).isEqualTo("tenant_a");
        assertThat(item.path("kind").asText()).isEqualTo("fold");
        assertThat(item.path("pipeline").asText()).isEqualTo("tally");
        assertThat(item.path("aggregateId").asText()).isEqualTo(tally);
        assertThat(item.path("projection").asText()).isEqualTo(TallyPipeline.FOLD);
        assertThat(item.path("error").asText()).contains("poison tally entry");
        String eventId = item.path("eventId").asText();
        assertThat(eventId).isNotBlank();
        assertThat(item(parked("tenant=tenant_a&pipeline=tally&limit=500"), group(tally))).isNotNull();
        assertThat(item(parked("tenant=tenant_b"), group(tally))).isNull();
        assertThat(item(parked("tenant=tenant_a&pipeline=trace"), group(tally))).isNull();

        ApiClient.Response wrong = post("/api/v1/admin/parked/skip",
                "{\"groups\": [\"" + group(tally) + "\"], \"eventId\": \"no-such-event\"}");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().path("detail").asText()).contains("is parked at " + eventId);

        ApiClient.Response skipped = post("/api/v1/admin/parked/skip",
                "{\"groups\": [\"" + group(tally) + "\"], \"eventId\": \"" + eventId + "\"}");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.json().path("skipped").asInt()).isEqualTo(1);
        JsonNode state = awaitCount(tally, 2);
        assertThat(state.path("lastMemo").asText()).isEqualTo("after");
        count(tally, "later");
        awaitCount(tally, 3);
        assertThat(item(parked("tenant=tenant_a"), group(tally))).isNull();
    }

    /** The fold is fixed, the operator retries, and the fold applies the poison event and everything behind it. */
    void aRetryAfterTheFixCatchesTheFoldUp() {
        String tally = uniqueId("retry");
        parkAtPoison(tally);
        TallyPipeline.CURED.set(true);
        ApiClient.Response retried = post("/api/v1/admin/parked/retry", "{\"groups\": [\"" + group(tally) + "\"]}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("retried").asInt()).isEqualTo(1);
        JsonNode state = awaitCount(tally, 3);
        assertThat(state.path("lastMemo").asText()).isEqualTo("after");
        assertThat(item(parked("tenant=tenant_a"), group(tally))).isNull();
    }
}
