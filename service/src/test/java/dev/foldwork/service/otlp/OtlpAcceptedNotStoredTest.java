package dev.foldwork.service.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import dev.foldwork.core.Foldwork;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.EventStore;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * An export that stops at a trace whose write was accepted but not stored in time (what the
 * embedded default's writer says after its wait): OTLP's 503 with {@code Retry-After}, and a
 * message saying how many of the export's traces were stored before it and how many were not
 * written, which is what an operator needs to judge a resend. Here a writer accepts the second
 * trace's spans without storing them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
})
class OtlpAcceptedNotStoredTest {
    static final String STORED = "0af7651916cd43dd8448eb211c80319c";
    static final String ACCEPTED = "1af7651916cd43dd8448eb211c80319c";
    static final String NOT_WRITTEN = "2af7651916cd43dd8448eb211c80319c";

    /** Writes as the memory mode does, but takes {@link #ACCEPTED}'s spans without storing them. */
    static final class SlowForOneTrace implements StreamWriter {
        private final StreamWriter stores;

        SlowForOneTrace(StreamWriter stores) {
            this.stores = stores;
        }

        @Override
        public List<Event> write(List<NewEvent> events, Map<StreamId, Long> expected) {
            return stores.write(events, expected);
        }

        @Override
        public boolean accept(List<NewEvent> events) {
            if (events.get(0).stream().aggregateId().equals(ACCEPTED)) {
                throw new AcceptedNotStoredException("the write to " + events.get(0).stream()
                        + " was accepted but not stored within 30 s; its writer stores it once the store takes it");
            }
            return stores.accept(events);
        }
    }

    @TestConfiguration
    static class Writer {
        @Bean
        @Primary
        EventSourcingService slowForOneTrace(PipelineRegistry registry, EventStore events, Foldwork<?> foldwork) {
            return new EventSourcingService(registry, events,
                    new SlowForOneTrace(new LocalStreamWriter(events, foldwork.dispatcher())), new EventIds(Clock.systemUTC()));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    @Test
    void theAnswerIs503WithRetryAfterAndSaysWhatWasStoredAndWhatWasNotWritten() throws Exception {
        HttpResponse<byte[]> response = OtlpExports.postOneSpanEach(port, List.of(STORED, ACCEPTED, NOT_WRITTEN));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(Status.parseFrom(response.body()).getMessage()).contains("accepted, not stored yet",
                ACCEPTED, "of this export's 3 traces, 1 were stored before it and 1 were not written",
                "sending the export again stores 2 of them twice");
        assertThat(events.aggregateIds(TenantId.of("tenant_a"), AggregateType.of("trace"))).containsExactly(STORED);
    }
}
