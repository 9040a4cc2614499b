package dev.foldwork.service.demo;

import static dev.foldwork.service.demo.Cells.breakdown;
import static dev.foldwork.service.demo.Cells.count;
import static dev.foldwork.service.demo.Cells.lower;
import static dev.foldwork.service.demo.Cells.money;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.global.BillingMeter;
import dev.foldwork.pipelines.global.SdkUsage;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.pipelines.trace.TraceStatus;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The demo's view of the projections: one table per fold, read from a snapshot (runs in {@link RunTables}). */
final class ProjectionTables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ProjectionSnapshot snapshot;
    private final List<TenantId> tenants;
    private final PrintStream out;

    ProjectionTables(ProjectionSnapshot snapshot, List<TenantId> tenants, PrintStream out) {
        this.snapshot = snapshot;
        this.tenants = tenants;
        this.out = out;
    }

    void printAll() {
        traces();
        largestTraces();
        new LlmTables(snapshot, tenants, out).print();
        new RunTables(snapshot, tenants, out).print();
        billing();
        sdkUsage();
    }

    private void traces() {
        TextTable table = new TextTable("tenant", "traces", "spans", "input tokens", "output tokens", "cost", "error traces");
        for (TenantId tenant : tenants) {
            Collection<TraceSummary> traces = snapshot.states(tenant, TracePipeline.SUMMARY).values();
            table.row(tenant, count(traces.size()),
                    count(traces.stream().mapToLong(TraceSummary::spanCount).sum()),
                    count(traces.stream().mapToLong(TraceSummary::inputTokens).sum()),
                    count(traces.stream().mapToLong(TraceSummary::outputTokens).sum()),
                    money(traces.stream().mapToDouble(TraceSummary::totalCost).sum()),
                    count(traces.stream().filter(t -> t.status() == TraceStatus.ERROR).count()));
        }
        title("Traces per tenant (fold trace_summary; span records stored: "
                + count(snapshot.recordCount(TracePipeline.SPAN_STORAGE)) + ")");
        table.print(out);
    }

    private void largestTraces() {
        List<Map.Entry<TenantId, TraceSummary>> all = new ArrayList<>();
        for (TenantId tenant : tenants) {
            snapshot.states(tenant, TracePipeline.SUMMARY).values().forEach(t -> all.add(Map.entry(tenant, t)));
        }
        all.sort(Comparator.comparing((Map.Entry<TenantId, TraceSummary> e) -> e.getValue().spanCount())
                .thenComparing(e -> e.getValue().totalCost()).reversed());
        TextTable table = new TextTable("tenant", "trace", "root span", "spans", "duration ms", "tokens in/out",
                "cost", "errors", "status", "models");
        for (Map.Entry<TenantId, TraceSummary> entry : all.subList(0, Math.min(6, all.size()))) {
            TraceSummary t = entry.getValue();
            table.row(entry.getKey(), t.traceId().substring(0, 12) + "..", t.rootSpanName(), t.spanCount(),
                    count(t.durationMs()), t.inputTokens() + "/" + t.outputTokens(), money(t.totalCost()),
                    t.errorCount(), lower(t.status()), String.join(", ", t.models()));
        }
        title("Largest traces");
        table.print(out);
    }

    private void billing() {
        TextTable table = new TextTable("tenant", "month", "billable events", "by category");
        for (TenantId tenant : tenants) {
            for (BillingMeter meter : snapshot.states(tenant, Pipelines.BILLING_METER).values()) {
                table.row(tenant, meter.month(), count(meter.billableEvents()), breakdown(meter.byCategory()));
            }
        }
        title("Billing per tenant and month (global fold billing_meter)");
        table.print(out);
    }

    private void sdkUsage() {
        TextTable table = new TextTable("tenant", "sdk", "version", "events", "by aggregate type", "first seen", "last seen");
        for (TenantId tenant : tenants) {
            for (SdkUsage usage : snapshot.states(tenant, Pipelines.SDK_USAGE).values()) {
                table.row(tenant, usage.sdkName(), usage.sdkVersion(), count(usage.events()),
                        breakdown(usage.byAggregateType()), TIME.format(Instant.ofEpochMilli(usage.firstSeenAt())),
                        TIME.format(Instant.ofEpochMilli(usage.lastSeenAt())));
            }
        }
        title("SDK usage per tenant (global fold sdk_usage; times UTC)");
        table.print(out);
    }

    private void title(String title) {
        out.println(title);
    }
}
