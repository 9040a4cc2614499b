package dev.foldwork.starter.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.starter.embedded.EmbeddedTemporal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.ApplicationContext;

/**
 * The starter used by an application that is not the service: {@link LedgerApplication} boots on
 * the starter's defaults plus memory dispatch, takes a command over HTTP and serves its fold state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory",
    "foldwork.api-keys[0].tenant=acme",
    "foldwork.api-keys[0].sha256=d9006cc9f6e6fa13790bbc115212077ff50850c6eded5a225986826b08237719", // ledger-key
})
class LedgerApplicationTest {
    private static final String KEY = "ledger-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LedgerApplication application;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCommandOverHttpIsFoldedAndItsStateIsReadable() throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(uri("/api/v1/pipelines/ledger/commands/record_entry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\": \"acct-1\", \"amount\": 42, \"memo\": \"opening\"}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("aggregateIds").get(0).asText()).isEqualTo("acct-1");

        JsonNode balance = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/v1/pipelines/ledger/aggregates/acct-1/projections/account_balance"),
                        node -> node.path("version").asLong() == 1);
        assertThat(balance.path("state").path("balance").asLong()).isEqualTo(42);
        assertThat(balance.path("state").path("lastMemo").asText()).isEqualTo("opening");

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode volume = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/v1/global/monthly_volume/" + month), node -> node.path("version").asLong() >= 1);
        assertThat(volume.path("state").path("total").asLong()).isEqualTo(42);
        await().atMost(Duration.ofSeconds(30)).until(() -> application.watched.contains("acct-1"));
    }

    @Test
    void theRegistryIsMadeOfTheApplicationsPipelineBeans() {
        PipelineRegistry registry = context.getBean(PipelineRegistry.class);
        assertThat(registry.pipelines()).extracting(p -> p.name()).containsExactly(LedgerPipeline.NAME);
        assertThat(registry.globalFolds()).containsExactly(LedgerPipeline.MONTHLY_VOLUME);
        assertThat(context.getBeansOfType(MemoryDispatcher.class)).hasSize(1);
    }

    @Test
    void theLibraryStartsNoTemporalTestServerUnlessAsked() {
        assertThat(context.getBeanNamesForType(EmbeddedTemporal.class)).isEmpty();
    }

    @Test
    void errorsAreTheStartersProblemJsonNotSpringsDefaultPage() throws Exception {
        assertThat(context.getBeansOfType(ErrorController.class)).hasSize(1);
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/v1/pipelines/nope/commands/x"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(uri("/api/v1/pipelines/ledger/aggregates/acct-1/events"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
