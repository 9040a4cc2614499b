package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A database written before sequence numbers existed: its events, in the first {@code events}
 * table, reach the event log numbered 1..n per stream in (timestamp, id) order, each once; its map
 * records, in the first {@code map_records} table, are read on as generation 0.
 */
class EventLogMigrationTest {
    @Test
    void eventsOfTheFirstTableAreNumberedIntoTheEventLog() {
        try (ClickHouseTestDatabase test = ClickHouseTestDatabase.create()) {
            ClickHouseDatabase db = test.database();
            // back to the schema of migration 3, holding events as the first release wrote them
            for (String table : new String[] {"stream_writes_view", "stream_writes", "event_log", "fold_stream_positions",
                "map_records_by_generation"}) {
                db.execute("DROP TABLE " + db.table(table));
            }
            db.execute("ALTER TABLE " + db.table("schema_migrations") + " DELETE WHERE version >= 4");
            // a mutation: 18.16 applies it part by part after the ALTER returns (and has no mutations_sync)
            await().atMost(Duration.ofSeconds(30)).until(() -> db.queryRows("SELECT version FROM "
                    + db.table("schema_migrations") + " WHERE version >= 4").isEmpty());
            StringBuilder rows = new StringBuilder();
            String[][] old = {{"a1", "300", "e3"}, {"a1", "100", "e1"}, {"a1", "200", "e2b"}, {"a1", "200", "e2a"},
                {"a1", "100", "e1"}, {"a2", "150", "x"}};
            for (String[] row : old) {
                rows.append(Json.write(Json.object().put("tenant_id", "acme").put("aggregate_type", "account")
                        .put("aggregate_id", row[0]).put("timestamp_ms", Long.parseLong(row[1])).put("event_id", row[2])
                        .put("event_type", "EntryRecorded").put("schema_version", 1).put("data", "{\"n\":\"" + row[2] + "\"}")))
                        .append('\n');
            }
            db.insertJsonRows("events", rows.toString().getBytes(StandardCharsets.UTF_8));
            db.insertJsonRows("map_records", Json.write(Json.object().put("tenant_id", "acme").put("projection", "entry_log")
                    .put("aggregate_id", "a1").put("timestamp_ms", 100).put("event_id", "e1").put("data", "{\"line\":1}"))
                    .getBytes(StandardCharsets.UTF_8));

            try (ClickHouseDatabase reopened = ClickHouseDatabase.open(db.settings());
                 ClickHouseEventStore store = new ClickHouseEventStore(reopened);
                 ClickHouseAppendStore records = new ClickHouseAppendStore(reopened)) {
                TenantId acme = TenantId.of("acme");
                AggregateType account = AggregateType.of("account");
                assertThat(store.read(acme, account, "a1")).extracting(e -> e.seq() + ":" + e.id() + "@" + e.timestamp())
                        .containsExactly("1:e1@100", "2:e2a@200", "3:e2b@200", "4:e3@300");
                assertThat(store.read(acme, account, "a2")).extracting(Event::seq).containsExactly(1L);
                assertThat(store.read(acme, account, "a1").get(0).data().path("n").asText()).isEqualTo("e1");
                assertThat(store.streamsWrittenSince(acme, 0, Long.MAX_VALUE / 2)).hasSize(2);
                assertThat(records.read(acme, "entry_log", "a1")).extracting(r -> r.eventId() + ":" + r.data())
                        .containsExactly("e1:{\"line\":1}");
            }
        }
    }
}
