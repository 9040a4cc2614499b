package dev.foldwork.pipelines.simulation;

/**
 * How a finished simulation run ended, and how much say each ending has when more than one
 * arrives (LangWatch's terminal authority): a user's cancel is intent and outranks any reported
 * outcome; the reported outcomes rank equal, so the first one stored keeps the run. Ranking on
 * what was declared, not on arrival, gives the same record in any order.
 */
public enum SimulationOutcome {
    SUCCESS(1), FAILURE(1), ERROR(1), CANCELLED(2);

    private final int authority;

    SimulationOutcome(int authority) {
        this.authority = authority;
    }

    /** Whether this ending may replace {@code stored}, the ending a run already has (null if none). */
    public boolean supersedes(SimulationOutcome stored) {
        return stored == null || authority > stored.authority;
    }

    static SimulationOutcome of(SimulationVerdict verdict, String error) {
        if (error != null) {
            return ERROR;
        }
        return verdict == SimulationVerdict.SUCCESS ? SUCCESS : FAILURE;
    }
}
