package dev.foldwork.pipelines.evaluation;

import java.util.Locale;

/** Where an evaluation stands: scheduled -> in_progress -> processed | skipped | error. */
public enum EvaluationStatus {
    UNSCHEDULED, SCHEDULED, IN_PROGRESS, PROCESSED, SKIPPED, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
