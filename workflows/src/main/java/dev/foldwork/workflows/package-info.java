/**
 * The contract the Temporal mode's two sides share: the {@code FoldWorkflow} interface (its type,
 * signal, update and query names), the payloads it carries and records ({@code FoldRun},
 * {@code StreamWrite}, {@code FoldView}, ...), the run's options, its search attributes and the
 * payload size estimates both sides budget with. Everything here is recorded or sent: payloads only
 * grow (docs/ARCHITECTURE.md, "Deploying over open runs"). Imports core, activities and Temporal, never
 * {@code fold}, {@code worker} or {@code client}.
 */
package dev.foldwork.workflows;
