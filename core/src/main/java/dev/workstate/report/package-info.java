/**
 * The status report: one model, rendered as markdown and as JSON, byte-identical for the same data.
 */
package dev.workstate.report;
