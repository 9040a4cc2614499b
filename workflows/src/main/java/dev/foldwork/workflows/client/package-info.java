/**
 * The {@code web} role: what sends to fold workflows through a {@code WorkflowClient}, the
 * {@code TemporalDispatcher} (signals in order, one in flight per group) and the
 * {@code TemporalStreamWriter} (writes by update or signal, when to accept them). Ordinary
 * threaded code, never replayed. Imports the contract, never {@code fold} or {@code worker}.
 */
package dev.foldwork.workflows.client;
