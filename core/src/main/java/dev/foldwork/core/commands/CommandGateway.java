package dev.foldwork.core.commands;

import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import java.util.List;

/** Sends a command and answers with the events it stored. */
@FunctionalInterface
public interface CommandGateway {
    List<Event> send(Command command);
}
