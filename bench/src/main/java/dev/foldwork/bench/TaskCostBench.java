package dev.foldwork.bench;

import com.sun.management.OperatingSystemMXBean;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What one workflow task costs the whole embedded default: the in-process test server (as
 * {@code EmbeddedTemporal} runs it), the client's signals and the worker, on this machine's cores.
 * 1,000 workflows (the service bench's traces) get signals at a fixed rate, low enough that every
 * signal is a task of its own; the process's CPU time over the measured seconds, divided by the
 * tasks run, is the cost of a task. Its inverse times the cores bounds the tasks per second any
 * design can run here, which is what a fold lag bound asks for: every aggregate with new events
 * needs a task within the bound.
 */
public final class TaskCostBench {
    private static final int WORKFLOWS = 1_000;
    private static final int SENDERS = 32;
    /** Signals per second: low enough that every signal is a task of its own. */
    private static final int RATE = 150;
    private static final String QUEUE = "task-cost";
    private static final long WARM_UP_SECONDS = Long.getLong("foldwork.bench.warm-up-seconds", 20);
    private static final long SECONDS = Long.getLong("foldwork.bench.seconds", 20);

    private TaskCostBench() {}

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        double least = costPerTask(0);
        double traceShape = costPerTask(2);
        System.out.printf("RESULT task-cost cores=%d cpu_ms_per_task_one_local_activity=%.2f cpu_ms_per_task_five_local_activities=%.2f"
                + " max_tasks_per_s=%d%n", cores, least, traceShape, Math.round(cores * 1000 / least));
    }

    /** CPU milliseconds of this process per workflow task, {@code rounds} of two parallel local activities after the first. */
    private static double costPerTask(int rounds) throws InterruptedException {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        InProcessGRPCServer server = new InProcessGRPCServer(services.getServices());
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(2 * WORKFLOWS).setMaxWorkflowThreadCount(2 * WORKFLOWS).build());
        Worker worker = factory.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskCostWorkflowImpl.class);
        AtomicLong tasks = new AtomicLong();
        worker.registerActivitiesImplementations(new TaskCostWorkflow.Step() {
            @Override
            public String first(String payload) {
                tasks.incrementAndGet(); // one per wake: the tasks run
                return payload;
            }

            @Override
            public String next(String payload) {
                return payload;
            }
        });
        factory.start();
        try {
            long end = System.nanoTime() + (WARM_UP_SECONDS + SECONDS) * 1_000_000_000L;
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                Thread sender = new Thread(() -> send(client, rounds, RATE / (double) SENDERS, end), "task-cost-sender-" + i);
                sender.start();
                senders.add(sender);
            }
            Thread.sleep(WARM_UP_SECONDS * 1000);
            long cpuBefore = processCpuNanos();
            long tasksBefore = tasks.get();
            Thread.sleep(SECONDS * 1000);
            long cpu = processCpuNanos() - cpuBefore;
            long ran = tasks.get() - tasksBefore;
            for (Thread sender : senders) {
                sender.join();
            }
            double perTask = cpu / 1e6 / Math.max(1, ran);
            System.out.printf("task-cost rounds=%d: %d tasks/s at %d signals/s, %.2f cores busy, %.2f ms CPU per task%n",
                    rounds, ran / SECONDS, RATE, cpu / 1e9 / SECONDS, perTask);
            return perTask;
        } finally {
            factory.shutdownNow();
            stubs.shutdownNow();
            server.shutdownNow();
            services.close();
        }
    }

    private static void send(WorkflowClient client, int rounds, double perSecond, long end) {
        long spacing = (long) (1e9 / perSecond);
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(spacing);
        String payload = "p".repeat(600); // about a span's command
        while (next < end) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += spacing;
            String id = "task-cost-" + ThreadLocalRandom.current().nextInt(WORKFLOWS);
            WorkflowStub stub = client.newUntypedWorkflowStub("TaskCostWorkflow",
                    WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
            try {
                stub.signalWithStart("hint", new Object[] {payload}, new Object[] {rounds});
            } catch (RuntimeException e) {
                // two senders starting one id race (ALREADY_EXISTS); the signal is one of many
            }
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
