package dev.foldwork.pipelines.sample;

import dev.foldwork.core.domain.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, realistic mix of commands over the four pipelines and several tenants, shared by
 * tests, benchmarks and the demo. Each aggregate gets a script (a trace's spans, an
 * evaluation's life, an experiment run, a simulation); the scripts are then interleaved at
 * random, keeping each one's own order. Traces already carry their disorder: spans out of
 * order, some twice. A small share of commands is invalid or impossible on purpose.
 * The same seed and size always give the same stream.
 */
public record SampleStream(long seed, List<TenantId> tenants, List<SampleCommand> commands) {
    public static final int DEFAULT_SIZE = 12_000;
    public static final long DEFAULT_SEED = 20_261_127L;

    static final List<TenantId> TENANTS = List.of(
            TenantId.of("acme"), TenantId.of("globex"), TenantId.of("initech"), TenantId.of("umbrella"));
    /** Relative traffic of the tenants: a few big customers and a long tail. */
    private static final int[] TENANT_WEIGHTS = {45, 30, 15, 10};

    public static SampleStream standard() {
        return generate(DEFAULT_SEED, DEFAULT_SIZE);
    }

    /** At least {@code minCommands} commands (the last script is finished, so slightly more). */
    public static SampleStream generate(long seed, int minCommands) {
        Random random = new Random(seed);
        TraceScripts traces = new TraceScripts(random);
        EvaluationScripts evaluations = new EvaluationScripts(random);
        ExperimentRunScripts experiments = new ExperimentRunScripts(random);
        SimulationScripts simulations = new SimulationScripts(random);

        List<List<SampleCommand>> scripts = new ArrayList<>();
        int total = 0;
        while (total < minCommands) {
            TenantId tenant = tenant(random);
            int pick = random.nextInt(100);
            List<SampleCommand> script;
            if (pick < 72) {
                script = traces.next(tenant);
            } else if (pick < 87) {
                script = evaluations.next(tenant);
            } else if (pick < 90) {
                script = experiments.next(tenant);
            } else {
                script = simulations.next(tenant);
            }
            scripts.add(script);
            total += script.size();
        }
        return new SampleStream(seed, TENANTS, interleave(scripts, total, random));
    }

    public int size() {
        return commands.size();
    }

    private static TenantId tenant(Random random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < TENANT_WEIGHTS.length; i++) {
            roll -= TENANT_WEIGHTS[i];
            if (roll < 0) {
                return TENANTS.get(i);
            }
        }
        return TENANTS.get(0);
    }

    /**
     * Merges the scripts as concurrent clients would: a sliding window of open scripts, each
     * step advancing a random one, so an aggregate's commands spread over a stretch of the stream.
     */
    private static List<SampleCommand> interleave(List<List<SampleCommand>> scripts, int total, Random random) {
        final int window = 64;
        List<SampleCommand> merged = new ArrayList<>(total);
        List<List<SampleCommand>> open = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int nextScript = 0;
        while (merged.size() < total) {
            while (open.size() < window && nextScript < scripts.size()) {
                open.add(scripts.get(nextScript++));
                positions.add(0);
            }
            int pick = random.nextInt(open.size());
            List<SampleCommand> script = open.get(pick);
            int at = positions.get(pick);
            merged.add(script.get(at));
            if (at + 1 < script.size()) {
                positions.set(pick, at + 1);
            } else {
                int last = open.size() - 1;
                open.set(pick, open.get(last));
                positions.set(pick, positions.get(last));
                open.remove(last);
                positions.remove(last);
            }
        }
        return List.copyOf(merged);
    }
}
