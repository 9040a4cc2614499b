package dev.foldwork.pipelines.experimentrun;

/** How an evaluator's run on a row ended: only processed results have a score or a pass. */
public enum EvaluatorResultStatus {
    PROCESSED, SKIPPED, ERROR
}
