/**
 * One picocli command class per CLI command or command group; each is a thin mapping from options to one service call
 * and from its result to human output or {@code --json}.
 */
package dev.workstate.cli.command;
