package dev.foldwork.core.service;

import java.util.List;

/**
 * What a submitted command wrote: its events' ids and their aggregates' ids, and whether the
 * events are stored already or only accepted by their stream's writer, which stores them next
 * ({@link dev.foldwork.core.commands.CommandHandler#acceptsBeforeStoring}).
 */
public record CommandReceipt(List<String> eventIds, List<String> aggregateIds, boolean stored) {
    public CommandReceipt {
        eventIds = List.copyOf(eventIds);
        aggregateIds = List.copyOf(aggregateIds);
    }

    static CommandReceipt of(List<NewEvent> events, boolean stored) {
        return new CommandReceipt(events.stream().map(NewEvent::id).toList(),
                events.stream().map(event -> event.stream().aggregateId()).distinct().toList(), stored);
    }
}
