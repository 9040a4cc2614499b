package dev.foldwork.pipelines.experimentrun;

/** One evaluator's results over a run so far. */
public record EvaluatorStats(long results, double scoreSum, long passed, double meanScore, double passRate) {
    public static final EvaluatorStats NONE = new EvaluatorStats(0, 0, 0, 0, 0);

    public EvaluatorStats plus(double score, boolean pass) {
        long n = results + 1;
        double sum = scoreSum + score;
        long passes = passed + (pass ? 1 : 0);
        return new EvaluatorStats(n, sum, passes, sum / n, (double) passes / n);
    }
}
