/**
 * Immutable value types of the domain: work items, dependencies, vendors, deployments, configuration, enhancements,
 * audit events and pages. Records, serialised to snake_case JSON by {@link dev.workstate.internal.Json}.
 */
package dev.workstate.model;
