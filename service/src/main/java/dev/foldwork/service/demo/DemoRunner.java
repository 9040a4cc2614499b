package dev.foldwork.service.demo;

import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.FoldLag;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.starter.settings.FoldworkProperties;
import java.io.PrintStream;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * {@code --demo}: sends the shared sample stream through this very service (whatever its dispatch
 * mode and stores), waits until every fold has consumed every stored event and the reactors'
 * follow-up commands have stopped, prints the projections as tables, and exits.
 */
public final class DemoRunner implements ApplicationRunner {
    private static final int PRODUCERS = 32;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final ApplicationContext context;
    private final FoldworkProperties properties;
    private final PipelineRegistry registry;
    private final EventSourcingService service;
    private final EventStore events;
    private final FoldStore folds;
    private final AppendStore records;

    public DemoRunner(ApplicationContext context, FoldworkProperties properties, PipelineRegistry registry,
                      EventSourcingService service, EventStore events, FoldStore folds, AppendStore records) {
        this.context = context;
        this.properties = properties;
        this.registry = registry;
        this.service = service;
        this.events = events;
        this.folds = folds;
        this.records = records;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption("demo")) {
            return;
        }
        PrintStream out = System.out;
        SampleStream stream = SampleStream.standard();
        out.printf("%nFoldwork demo: %,d commands (seed %d) for tenants %s; dispatch %s, store %s%n%n",
                stream.size(), stream.seed(), stream.tenants(), name(properties.dispatch()), name(properties.store()));

        long started = System.nanoTime();
        ProgressBar progress = new ProgressBar(out, "sending", stream.size());
        StreamSender.Outcome outcome = new StreamSender(PRODUCERS).send(service, stream.commands(), progress::update);
        double sending = (System.nanoTime() - started) / 1e9;
        out.println("waiting until every fold has consumed every stored event ...");
        waitUntilSettled(stream);
        out.printf("%nsent %,d commands in %.1f s, all projected %.1f s later: %,d accepted (%,d events; reactors add more), "
                        + "%,d invalid, %,d refused%n", stream.size(), sending, (System.nanoTime() - started) / 1e9 - sending,
                outcome.accepted(), outcome.events(), outcome.invalid(), outcome.rejected());
        out.println("  e.g. invalid: " + outcome.invalidExample());
        out.println("  e.g. refused: " + outcome.rejectedExample());
        out.println();

        new ProjectionTables(ProjectionSnapshot.read(registry, events, folds, records, stream.tenants()), stream.tenants(), out)
                .printAll();
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** Settled: no fold lags behind the store, and no reactor started a new aggregate for a while. */
    private void waitUntilSettled(SampleStream stream) throws InterruptedException {
        FoldLag lag = new FoldLag(registry, events, folds);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long quietSince = System.nanoTime();
        long lastAggregates = -1;
        while (System.nanoTime() < deadline) {
            long stored = storedAggregates(stream);
            if (stored != lastAggregates || lag.behind(stream.tenants()) > 0) {
                lastAggregates = stored;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
            Thread.sleep(250); // polling the stores; nothing here depends on the interval
        }
        throw new IllegalStateException("the projections did not settle within " + SETTLE_TIMEOUT);
    }

    private long storedAggregates(SampleStream stream) {
        long count = 0;
        for (var tenant : stream.tenants()) {
            for (var pipeline : registry.pipelines()) {
                count += events.aggregateIds(tenant, pipeline.aggregateType()).size();
            }
        }
        return count;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase();
    }
}
