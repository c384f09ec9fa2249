/**
 * Import of the legacy {@code .project_status.md} (both variants), with validation, one transaction and reconciliation.
 */
package dev.workstate.migration;
