package dev.foldwork.core.runtime;

import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import java.util.List;
import java.util.Objects;

/**
 * Breaks the one cycle in the wiring: reactors send commands through the service, and the
 * service dispatches to the reactors. The composition root binds it once, right after it built
 * the service; a reactor that runs before that fails loudly.
 */
public final class CommandGatewayRef implements CommandGateway {
    private volatile CommandGateway target;

    public void bind(CommandGateway gateway) {
        if (target != null) {
            throw new IllegalStateException("the command gateway is already bound");
        }
        target = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public List<Event> send(Command command) {
        CommandGateway bound = target;
        if (bound == null) {
            throw new IllegalStateException("no command gateway bound yet: the service was not built");
        }
        return bound.send(command);
    }
}
