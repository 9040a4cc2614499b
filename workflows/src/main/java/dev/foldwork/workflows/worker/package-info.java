/**
 * The {@code worker} role: registers the fold workflow and its activities on a Temporal worker and
 * the search attributes on the server. Imports the contract, {@code fold} and {@code client} (a
 * worker forwards accepted writes to the global folds through a dispatcher).
 */
package dev.foldwork.workflows.worker;
