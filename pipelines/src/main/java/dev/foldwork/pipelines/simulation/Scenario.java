package dev.foldwork.pipelines.simulation;

import dev.foldwork.core.commands.Payload;

/** The scenario a {@code queue} or {@code start} names, with the run's optional display name. */
record Scenario(String scenarioId, String scenarioSetId, String batchRunId, String name) {
    static final int MAX_NAME = 256;

    static Scenario read(Payload payload) {
        return new Scenario(payload.requiredId("scenarioId"), payload.requiredId("scenarioSetId"),
                payload.requiredId("batchRunId"), payload.optionalString("name", MAX_NAME).orElse(null));
    }
}
