package dev.foldwork.core.runtime;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.projections.ReactorContext;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** Runs reactor calls; a call's state is read back into the fold's own type when its reactor asks for it. */
public final class ReactorExecutor {
    private final PipelineRegistry registry;
    private final CommandGateway commands;

    public ReactorExecutor(PipelineRegistry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    public void execute(ReactorCall call) throws Exception {
        ReactorBinding<?> binding = binding(call);
        run(binding, call, () -> Json.fromNode(call.state(), binding.fold().stateType()));
    }

    /**
     * Runs calls in order, each on its own: a failing call is handed to {@code onFailure} and the
     * rest still run. Calls made after one store share its state node, which {@code states} reads
     * back once.
     */
    public void executeAll(List<ReactorCall> calls, ReactorStates states, BiConsumer<ReactorCall, Exception> onFailure) {
        for (ReactorCall call : calls) {
            try {
                ReactorBinding<?> binding = binding(call);
                run(binding, call, () -> states.read(call, binding.fold().stateType()));
            } catch (Exception e) {
                onFailure.accept(call, e);
            }
        }
    }

    private ReactorBinding<?> binding(ReactorCall call) {
        return registry.reactor(call.fold(), call.reactor()).orElseThrow(() -> new IllegalStateException(
                "no reactor " + call.reactor() + " bound to fold " + call.fold() + " in this registry"));
    }

    /** {@code state} reads the call's state into the fold's type, when the reactor asks for it. */
    private <S> void run(ReactorBinding<S> binding, ReactorCall call, Supplier<Object> state) throws Exception {
        Class<S> type = binding.fold().stateType();
        binding.reactor().react(call.event(), new ReactorContext<>(call.group().tenantId(), call.group().aggregateKey(),
                call.state(), () -> type.cast(state.get()), call.stateRank(), commands));
    }
}
