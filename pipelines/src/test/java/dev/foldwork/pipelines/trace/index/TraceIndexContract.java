package dev.foldwork.pipelines.trace.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link TraceIndex} does: filters, newest-first order, cursor paging, tenants apart, newest rank wins. */
abstract class TraceIndexContract {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    /** The index under test. */
    abstract TraceIndex index();

    /** Another writer of the same index, as another process would be (the same one where there is no such thing). */
    abstract TraceIndex otherWriter();

    static TraceIndexRow row(String traceId, long rank, long start, String user, String thread, List<String> labels,
                             List<String> models, boolean error, double cost) {
        ObjectNode summary = Json.object().put("traceId", traceId).put("startTimeMs", start).put("rank", rank);
        return new TraceIndexRow(traceId, rank, start, user, thread, labels, models, error, cost, summary);
    }

    static TraceIndexRow row(String traceId, long start) {
        return row(traceId, 1, start, null, null, List.of(), List.of(), false, 0);
    }

    private static List<String> ids(TracePage page) {
        return page.items().stream().map(item -> item.get("traceId").asText()).toList();
    }

    private static TraceQuery query(Long from, Long to, String user, String thread, String label, String model,
                                    Boolean error, Double minCost) {
        return new TraceQuery(from, to, user, thread, label, model, error, minCost, 50, null);
    }

    @Test
    void listsNewestFirstTiesByTraceIdDescending() {
        index().upsert(ACME, row("a", 100));
        index().upsert(ACME, row("c", 300));
        index().upsert(ACME, row("b", 300));
        index().upsert(ACME, row("d", 200));

        assertThat(ids(index().query(ACME, TraceQuery.all(50)))).containsExactly("c", "b", "d", "a");
    }

    @Test
    void filtersOnEverySummaryField() {
        index().upsert(ACME, row("t1", 1, 1_000, "ann", "th1", List.of("prod", "chat"), List.of("gpt-4o"), false, 0.5));
        index().upsert(ACME, row("t2", 1, 2_000, "bob", "th1", List.of("dev"), List.of("claude-3", "gpt-4o"), true, 0.01));
        index().upsert(ACME, row("t3", 1, 3_000, "ann", "th2", List.of(), List.of(), false, 2.0));

        assertThat(ids(index().query(ACME, query(2_000L, null, null, null, null, null, null, null)))).containsExactly("t3", "t2");
        assertThat(ids(index().query(ACME, query(null, 2_000L, null, null, null, null, null, null)))).containsExactly("t1");
        assertThat(ids(index().query(ACME, query(null, null, "ann", null, null, null, null, null)))).containsExactly("t3", "t1");
        assertThat(ids(index().query(ACME, query(null, null, null, "th1", null, null, null, null)))).containsExactly("t2", "t1");
        assertThat(ids(index().query(ACME, query(null, null, null, null, "chat", null, null, null)))).containsExactly("t1");
        assertThat(ids(index().query(ACME, query(null, null, null, null, null, "gpt-4o", null, null)))).containsExactly("t2", "t1");
        assertThat(ids(index().query(ACME, query(null, null, null, null, null, null, true, null)))).containsExactly("t2");
        assertThat(ids(index().query(ACME, query(null, null, null, null, null, null, false, null)))).containsExactly("t3", "t1");
        assertThat(ids(index().query(ACME, query(null, null, null, null, null, null, null, 0.5)))).containsExactly("t3", "t1");
        assertThat(ids(index().query(ACME, query(1_000L, 3_000L, "ann", "th1", "prod", "gpt-4o", false, 0.1))))
                .containsExactly("t1");
        assertThat(ids(index().query(ACME, query(null, null, "nobody", null, null, null, null, null)))).isEmpty();
    }

    @Test
    void pagesWithTheCursorOfThePreviousPage() {
        for (int i = 0; i < 25; i++) {
            // pairs share a start time, so pages also break within a tie
            index().upsert(ACME, row(String.format("trace%02d", i), 1, 1_000 + i / 2, null, null, List.of(),
                    List.of(), i % 3 == 0, 0));
        }
        List<String> expected = ids(index().query(ACME, TraceQuery.all(500)));
        List<String> seen = new ArrayList<>();
        TracePage page = index().query(ACME, TraceQuery.all(7));
        int pages = 1;
        seen.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = index().query(ACME, TraceQuery.all(7).after(TraceCursor.decode(page.nextCursor())));
            seen.addAll(ids(page));
            pages++;
        }
        assertThat(expected).hasSize(25);
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(4);

        TraceQuery errors = new TraceQuery(null, null, null, null, null, null, true, null, 3, null);
        TracePage first = index().query(ACME, errors);
        TracePage second = index().query(ACME, errors.after(TraceCursor.decode(first.nextCursor())));
        TracePage third = index().query(ACME, errors.after(TraceCursor.decode(second.nextCursor())));
        assertThat(ids(first)).containsExactly("trace24", "trace21", "trace18");
        assertThat(ids(second)).containsExactly("trace15", "trace12", "trace09");
        assertThat(ids(third)).containsExactly("trace06", "trace03", "trace00");
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void keepsTenantsApart() {
        index().upsert(ACME, row("shared", 1, 100, "ann", null, List.of(), List.of(), false, 1));
        index().upsert(GLOBEX, row("shared", 1, 200, "bob", null, List.of(), List.of(), false, 1));
        index().upsert(GLOBEX, row("other", 300));

        assertThat(ids(index().query(ACME, TraceQuery.all(50)))).containsExactly("shared");
        assertThat(index().query(ACME, TraceQuery.all(50)).items().get(0).get("startTimeMs").asLong()).isEqualTo(100);
        assertThat(ids(index().query(GLOBEX, TraceQuery.all(50)))).containsExactly("other", "shared");
        assertThat(ids(index().query(TenantId.of("initech"), TraceQuery.all(50)))).isEmpty();
    }

    @Test
    void upsertKeepsTheHighestRankWhateverTheOrder() {
        index().upsert(ACME, row("t", 5, 500, "new", null, List.of("b"), List.of(), true, 2));
        otherWriter().upsert(ACME, row("t", 3, 900, "old", null, List.of("a"), List.of(), false, 1));
        index().upsert(ACME, row("t", 5, 500, "new", null, List.of("b"), List.of(), true, 2));

        TracePage page = index().query(ACME, TraceQuery.all(50));
        assertThat(ids(page)).containsExactly("t");
        assertThat(page.items().get(0).get("rank").asLong()).isEqualTo(5);
        assertThat(ids(index().query(ACME, query(null, null, "old", null, null, null, null, null)))).isEmpty();
        assertThat(ids(index().query(ACME, query(null, null, null, null, "a", null, null, null)))).isEmpty();
        assertThat(ids(index().query(ACME, query(600L, null, null, null, null, null, null, null)))).isEmpty();

        // a newer summary moves the trace (its start time changed) and replaces every field
        index().upsert(ACME, row("u", 450));
        otherWriter().upsert(ACME, row("t", 7, 400, "newer", null, List.of(), List.of(), false, 3));
        assertThat(ids(index().query(ACME, TraceQuery.all(50)))).containsExactly("u", "t");
        assertThat(ids(index().query(ACME, query(null, null, "newer", null, null, null, false, 3.0)))).containsExactly("t");
    }

    @Test
    void pagesPastOlderSummariesNotYetMerged() {
        for (int i = 0; i < 10; i++) {
            String id = "trace" + i;
            otherWriter().upsert(ACME, row(id, 1, 2_000 + i, "old", null, List.of(), List.of(), false, 0));
            index().upsert(ACME, row(id, 2, 1_000 + i, "new", null, List.of(), List.of(), false, 0));
        }
        List<String> seen = new ArrayList<>();
        TraceQuery query = TraceQuery.all(3);
        TracePage page = index().query(ACME, query);
        seen.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = index().query(ACME, query.after(TraceCursor.decode(page.nextCursor())));
            seen.addAll(ids(page));
        }
        assertThat(seen).containsExactly("trace9", "trace8", "trace7", "trace6", "trace5", "trace4", "trace3", "trace2",
                "trace1", "trace0");
        assertThat(ids(index().query(ACME, query(null, null, "old", null, null, null, null, null)))).isEmpty();
        assertThat(ids(index().query(ACME, query(null, null, "new", null, null, null, null, null)))).hasSize(10);
    }
}
