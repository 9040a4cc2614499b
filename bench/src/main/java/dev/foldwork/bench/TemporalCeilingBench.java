package dev.foldwork.bench;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What the in-process Temporal test server (the embedded default's server) does per second on
 * this machine for the cheapest calls a command can cost: an update running one local activity,
 * and a signal-with-start (what an accepted write costs), each from {@value #CLIENTS} threads over {@value #WORKFLOWS} workflows.
 * No fold, no store, no HTTP: the bound for designs that make one Temporal call per command.
 */
final class TemporalCeilingBench {
    static final int CLIENTS = 32;
    static final int WORKFLOWS = 1_000;
    static final int CALLS = 10_000;
    private static final String QUEUE = "ceiling";

    private TemporalCeilingBench() {}

    public static void main(String[] args) throws Exception {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        try {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(CeilingWorkflowImpl.class);
            worker.registerActivitiesImplementations((CeilingWorkflow.Touch) String::length);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            calls("warm-up signal-with-starts", CALLS / 5, i -> signalWithStart(client, "w-", i));
            calls("warm-up updates", CALLS / 5, i -> update(client, "w-", i));
            Rate signals = calls("signal-with-starts", CALLS, i -> signalWithStart(client, "m-", i));
            Rate updates = calls("updates", CALLS, i -> update(client, "m-", i));
            System.out.printf("RESULT temporal-ceiling update_per_s=%.0f update_p99_ms=%.1f signal_with_start_per_s=%.0f signal_with_start_p99_ms=%.1f%n",
                    updates.perSecond, updates.p99Millis, signals.perSecond, signals.p99Millis);
        } finally {
            env.close();
        }
    }

    private record Rate(double perSecond, double p99Millis) {}

    private static void signalWithStart(WorkflowClient client, String prefix, int i) {
        CeilingWorkflow workflow = stub(client, prefix + (i % WORKFLOWS));
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::run);
        request.add(workflow::signal, "call-" + i);
        client.signalWithStart(request);
    }

    /** An update to a workflow the signal-with-starts started. */
    private static void update(WorkflowClient client, String prefix, int i) {
        client.newWorkflowStub(CeilingWorkflow.class, prefix + (i % WORKFLOWS)).update("call-" + i);
    }

    private static CeilingWorkflow stub(WorkflowClient client, String id) {
        return client.newWorkflowStub(CeilingWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    }

    /** Makes {@code count} calls from {@value #CLIENTS} threads; returns calls per second and the p99 latency. */
    private static Rate calls(String what, int count, IntConsumer call) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        call.accept(i);
                        latencies[i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        Rate rate = new Rate(count / seconds, latencies[(int) (count * 0.99)] / 1e6);
        System.out.printf("temporal ceiling: %d %s in %.2f s: %.0f/s, p99 %.1f ms%n", count, what, seconds, rate.perSecond, rate.p99Millis);
        return rate;
    }
}
