package dev.workstate.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of command groups ({@code item}, {@code vendor}, ...): invoked without a subcommand it is a usage error naming
 * the choices.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
public abstract class GroupCommand implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
