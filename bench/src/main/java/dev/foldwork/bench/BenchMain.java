package dev.foldwork.bench;

/** Runs one benchmark by name; each prints a RESULT line last. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "memory" -> MemoryBench.main(new String[0]);
            case "clickhouse" -> ClickHouseBench.main(new String[0]);
            case "pipelines" -> PipelinesBench.main(new String[0]);
            case "redis" -> RedisBench.main(new String[0]);
            case "temporal" -> TemporalBench.main(new String[0]);
            case "recovery" -> RecoveryBench.main(new String[0]);
            case "service" -> ServiceBench.main(new String[0]);
            case "otlp" -> OtlpBench.main(new String[0]);
            case "trace-index" -> TraceIndexBench.main(new String[0]);
            case "task-cost" -> TaskCostBench.main(new String[0]);
            default -> {
                System.err.println("unknown benchmark \"" + mode + "\"; known: memory, clickhouse, pipelines, redis, temporal, recovery, service, otlp, trace-index, task-cost");
                System.exit(2);
            }
        }
    }
}
