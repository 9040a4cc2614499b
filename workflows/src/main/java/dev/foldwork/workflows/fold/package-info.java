/**
 * The fold workflow's code: {@code FoldWorkflowImpl} (the contract and a run's setup), its loop
 * ({@code FoldLoop}), one batch ({@code BatchStep}) and what they keep between batches (queue,
 * debounced reactions, stream writer, side work, budgets). Deterministic: Temporal replays it on
 * any worker from the run's history, so no I/O, no clocks but {@code Workflow}'s, no randomness,
 * no iteration over unordered collections; every effect is an activity. Imports only the contract
 * package, core's pure runtime, activities' interfaces and Temporal's workflow API.
 */
package dev.foldwork.workflows.fold;
