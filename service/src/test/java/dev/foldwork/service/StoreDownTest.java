package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.ForwardingEventStore;
import dev.foldwork.core.stores.StoreException;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.service.otlp.OtlpExports;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * An event store that does not answer: the command gets 503 and nothing is stored or projected;
 * an OTLP export gets OTLP's 503, a {@code google.rpc.Status} and {@code Retry-After}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foldwork.dispatch=memory", "foldwork.store=memory"})
@TestPropertySource(properties = {
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
})
class StoreDownTest {
    /** What ClickHouse's stores do while the server is down: refuse the write, keep nothing. */
    static final class DownEventStore extends ForwardingEventStore {
        DownEventStore() {
            super(new MemoryEventStore());
        }

        @Override
        public void append(TenantId tenantId, List<Event> events) {
            throw new StoreException("ClickHouse at http://127.0.0.1:1: connection refused (test)");
        }
    }

    @TestConfiguration
    static class Down {
        @Bean
        @Primary
        DownEventStore downEventStore() {
            return new DownEventStore();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DownEventStore store;

    @Test
    void aStoreThatIsDownGives503AndNothingIsStored() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        ApiClient.Response response = api.command(Spans.KEY_A, "trace", "record_span", Spans.span("down-1", "s-1", 1, 2));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("nothing was stored");
        assertThat(store.aggregateIds(TenantId.of("tenant_a"), AggregateType.of("trace"))).isEmpty();
        assertThat(api.get("/api/v1/pipelines/trace/aggregates/down-1/projections/trace_summary", Spans.KEY_A).status())
                .isEqualTo(404);
    }

    @Test
    void anOtlpExportGets503WithAStatusAndRetryAfterAndNothingIsStored() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        HttpResponse<byte[]> response = OtlpExports.postOneSpanEach(port, List.of(traceId));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-protobuf"));
        assertThat(Status.parseFrom(response.body()).getMessage()).contains("store unavailable", "send the export again");
        assertThat(store.aggregateIds(TenantId.of("tenant_a"), AggregateType.of("trace"))).doesNotContain(traceId);
    }
}
