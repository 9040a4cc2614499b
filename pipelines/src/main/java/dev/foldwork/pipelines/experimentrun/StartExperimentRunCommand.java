package dev.foldwork.pipelines.experimentrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.pipelines.SdkFields;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent.Started;
import java.util.HashSet;
import java.util.List;

/**
 * Command {@code start}: the run's rows, targets and evaluators, which every result must name.
 * A run starts once; a start after the run's completion is stored and fills the run in.
 */
public final class StartExperimentRunCommand implements CommandHandler {
    public static final String TYPE = "start";
    public static final int MAX_ROWS = 100_000;
    public static final int MAX_TARGETS = 20;
    public static final int MAX_EVALUATORS = 20;

    @Override
    public List<EventDraft> handle(Payload payload, CommandContext context) {
        String runId = payload.requiredId("runId");
        String experimentId = payload.requiredId("experimentId");
        long totalRows = payload.requiredLong("totalRows", 1);
        payload.check(totalRows <= MAX_ROWS, "totalRows", "must be at most " + MAX_ROWS + ", was " + totalRows);
        List<String> targets = ids(payload, "targets", MAX_TARGETS, true);
        List<String> evaluators = ids(payload, "evaluators", MAX_EVALUATORS, false);
        SdkFields sdk = SdkFields.read(payload);
        payload.validate();

        RunHistory run = RunHistory.of(runId, context.history(runId));
        if (run.state().wasStarted()) {
            throw new CommandRejectedException("experiment run " + runId + " was already started");
        }
        return List.of(ExperimentRunEvent.CODEC.draft(runId, new Started(runId, experimentId,
                (int) totalRows, targets, evaluators, sdk.sdkName(), sdk.sdkVersion())));
    }

    private static List<String> ids(Payload payload, String field, int maxItems, boolean required) {
        List<String> ids = payload.stringList(field, maxItems, Ids.MAX_AGGREGATE_ID_LENGTH, required);
        JsonNode given = payload.json().path(field);
        payload.check(!required || !given.isArray() || !given.isEmpty(), field, "must hold at least one id");
        payload.check(new HashSet<>(ids).size() == ids.size(), field, "must not repeat an id");
        for (int i = 0; i < ids.size(); i++) {
            String name = field + "[" + i + "]";
            try {
                Ids.aggregateId(name, ids.get(i));
            } catch (InvalidIdException e) {
                payload.check(false, name, e.reason());
            }
        }
        return ids;
    }
}
