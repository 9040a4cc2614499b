package dev.foldwork.core.stores;

/**
 * A global fold's versions come in bands, one per generation: a rebuild of generation g stores its
 * state at a version in {@code [g << 40, (g + 1) << 40)}, and the writers fold on from there within
 * that band. A state's stream positions are read within its version's band only, so positions
 * that a writer of an older generation wrote (it loaded the state before a rebuild swapped it,
 * and its own state write then lost) are never taken for the rebuilt state's. Up to 2^40 events
 * per generation and key; generation 0, every state before any rebuild, is the band from 0.
 */
public final class VersionBands {
    static final int BITS = 40;

    private VersionBands() {}

    /** The lowest version of the band {@code version} is in. */
    public static long start(long version) {
        return (version >> BITS) << BITS;
    }

    /** The lowest version above the band {@code version} is in. */
    public static long end(long version) {
        return start(version) + (1L << BITS);
    }

    /** The lowest version of generation {@code generation}'s band. */
    public static long first(int generation) {
        return (long) generation << BITS;
    }
}
