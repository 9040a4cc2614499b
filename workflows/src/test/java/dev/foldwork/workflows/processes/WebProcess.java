package dev.foldwork.workflows.processes;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.workflows.client.TemporalDispatcher;
import dev.foldwork.workflows.client.TemporalDispatcherOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code web} role as its own process, client only:
 * {@code WebProcess <host:port> <event-store-file> <accounts> <rounds>}. Each round records one entry
 * per account: the events are written to the event store file first, then dispatched, and the next
 * round waits until Temporal accepted them, as the service does. An account's event of round r has seq r + 1.
 */
public final class WebProcess {
    private WebProcess() {}

    public static void main(String[] args) throws Exception {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        int accounts = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        EventIds ids = new EventIds(Clock.systemUTC());
        try (TemporalDispatcher dispatcher = new TemporalDispatcher(WorkflowClient.newInstance(service),
                new EventRouter(LedgerPipeline.registry((context, event) -> {})),
                TemporalDispatcherOptions.defaults().withTaskQueue(WorkerProcess.TASK_QUEUE).withSearchAttributes(false));
             BufferedWriter store = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (int round = 0; round < rounds; round++) {
                List<Event> events = new ArrayList<>();
                for (int a = 0; a < accounts; a++) {
                    EventIds.Stamp stamp = ids.next();
                    String account = "acct-" + a;
                    events.add(new Event(stamp.id(), TenantId.of("acme"), AggregateType.of("account"), account,
                            round + 1, stamp.timestamp(), "EntryRecorded", 1,
                            Json.toNode(new LedgerPipeline.EntryLine(account, round * 7L + a, "r" + round))));
                }
                for (Event event : events) {
                    store.write(Json.mapper().writeValueAsString(event));
                    store.newLine();
                }
                store.flush();
                dispatcher.dispatch(events).join();
            }
        }
        System.out.println("sent " + accounts * rounds + " events");
    }
}
