package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.pipelines.Limits;

/**
 * One evaluator's results over a run so far. The mean score is over processed results that hold
 * a score; the pass rate over processed results that hold a pass, so skipped and errored results
 * and score-only evaluators never dilute it (as LangWatch's {@code experimentRunState} counts).
 */
public record EvaluatorStats(long results, long skipped, long errors, long scored, double scoreSum, long graded,
                             long passed, double cost, double meanScore, double passRate) {
    public static final EvaluatorStats NONE = new EvaluatorStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public EvaluatorStats plus(EvaluatorResultStatus status, Double score, Boolean pass, Double resultCost) {
        boolean processed = status == EvaluatorResultStatus.PROCESSED;
        long newScored = scored + (processed && score != null ? 1 : 0);
        double newSum = scoreSum + (processed && score != null ? score : 0);
        long newGraded = graded + (processed && pass != null ? 1 : 0);
        long newPassed = passed + (processed && Boolean.TRUE.equals(pass) ? 1 : 0);
        return new EvaluatorStats(results + 1,
                skipped + (status == EvaluatorResultStatus.SKIPPED ? 1 : 0),
                errors + (status == EvaluatorResultStatus.ERROR ? 1 : 0),
                newScored, newSum, newGraded, newPassed,
                resultCost == null ? cost : Limits.add(cost, resultCost),
                newScored == 0 ? 0 : newSum / newScored,
                newGraded == 0 ? 0 : (double) newPassed / newGraded);
    }
}
