/**
 * One exception type per stable error code (SPEC §4), plus the {@link dev.workstate.error.Validator} that collects
 * field errors. Frontends map these to MCP error results and CLI exit codes.
 */
package dev.workstate.error;
