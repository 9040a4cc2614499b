package dev.foldwork.core.runtime;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.projections.ReactorContext;
import java.time.Duration;
import java.util.Optional;

/** Runs one reactor call with the fold state read back into the fold's own type. */
public final class ReactorExecutor {
    private final PipelineRegistry registry;
    private final CommandGateway commands;

    public ReactorExecutor(PipelineRegistry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    public void execute(ReactorCall call) throws Exception {
        run(binding(call), call);
    }

    /** The key under which bursts of this reaction coalesce, if its reactor asks for it. */
    public Optional<String> jobId(ReactorCall call) {
        return jobId(binding(call), call);
    }

    public Duration delay(ReactorCall call) {
        return binding(call).reactor().delay();
    }

    private ReactorBinding<?> binding(ReactorCall call) {
        return registry.reactor(call.fold(), call.reactor()).orElseThrow(() -> new IllegalStateException(
                "no reactor " + call.reactor() + " bound to fold " + call.fold() + " in this registry"));
    }

    private <S> void run(ReactorBinding<S> binding, ReactorCall call) throws Exception {
        S state = Json.fromNode(call.state(), binding.fold().stateType());
        binding.reactor().react(call.event(),
                new ReactorContext<>(call.group().tenantId(), call.group().aggregateKey(), state, commands));
    }

    private <S> Optional<String> jobId(ReactorBinding<S> binding, ReactorCall call) {
        S state = Json.fromNode(call.state(), binding.fold().stateType());
        return binding.reactor().jobId(call.event(), state)
                .map(id -> call.fold() + "/" + call.reactor() + "/" + call.group().tenantId() + "/" + id);
    }
}
