package dev.foldwork.core.runtime;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.projections.ReactorContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Runs reactor calls with the fold state read back into the fold's own type. */
public final class ReactorExecutor {
    private final PipelineRegistry registry;
    private final CommandGateway commands;

    public ReactorExecutor(PipelineRegistry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    public void execute(ReactorCall call) throws Exception {
        ReactorBinding<?> binding = binding(call);
        run(binding, call, Json.fromNode(call.state(), binding.fold().stateType()));
    }

    /**
     * Runs calls in order, each on its own: a failing call is handed to {@code onFailure} and the
     * rest still run. Calls made after one store share its state node, which {@code states} reads
     * back once (the same reader their job ids were read with, where there was one).
     */
    public void executeAll(List<ReactorCall> calls, ReactorStates states, BiConsumer<ReactorCall, Exception> onFailure) {
        for (ReactorCall call : calls) {
            try {
                ReactorBinding<?> binding = binding(call);
                run(binding, call, states.read(call, binding.fold().stateType()));
            } catch (Exception e) {
                onFailure.accept(call, e);
            }
        }
    }

    /**
     * The key under which bursts of this reaction coalesce: only for reactors with a delay. The
     * state is read through {@code states}, shared by the calls of a batch.
     */
    public Optional<String> jobId(ReactorCall call, ReactorStates states) {
        ReactorBinding<?> binding = binding(call);
        if (binding.reactor().delay().isZero()) {
            return Optional.empty();
        }
        return jobId(binding, call, states).map(call::jobKey);
    }

    public Duration delay(ReactorCall call) {
        return binding(call).reactor().delay();
    }

    private ReactorBinding<?> binding(ReactorCall call) {
        return registry.reactor(call.fold(), call.reactor()).orElseThrow(() -> new IllegalStateException(
                "no reactor " + call.reactor() + " bound to fold " + call.fold() + " in this registry"));
    }

    private <S> void run(ReactorBinding<S> binding, ReactorCall call, Object state) throws Exception {
        S typed = binding.fold().stateType().cast(state);
        binding.reactor().react(call.event(),
                new ReactorContext<>(call.group().tenantId(), call.group().aggregateKey(), typed, call.stateRank(), commands));
    }

    private static <S> Optional<String> jobId(ReactorBinding<S> binding, ReactorCall call, ReactorStates states) {
        S state = binding.fold().stateType().cast(states.read(call, binding.fold().stateType()));
        return binding.reactor().jobId(call.event(), state);
    }
}
