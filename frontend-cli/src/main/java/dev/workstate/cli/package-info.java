/**
 * The {@code workstate} command-line frontend: the picocli root command, global options, error-to-exit-code mapping.
 * Commands live in {@code dev.workstate.cli.command}, human output helpers in {@code dev.workstate.cli.output}.
 */
package dev.workstate.cli;
