package dev.workstate.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code workstate completion}: prints the bash (and zsh via bashcompinit) completion script.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "completion", description = {"Print the bash completion script.",
    "Use: source <(workstate completion)   or save it to /etc/bash_completion.d/workstate."})
public final class CompletionCommand extends BaseCommand {
    @Override
    protected int execute() {
        out().print(AutoComplete.bash("workstate", spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
