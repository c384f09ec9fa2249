package dev.workstate.cli.command;

import dev.workstate.cli.output.Fields;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.service.ConfigurationUpdate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstate config ...}: the project configuration stored with the data (not the CLI's own settings).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "config", description = "Show or change the project configuration.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Set.class})
public final class ConfigCommand extends GroupCommand {

    static void details(PrintWriter out, ProjectConfiguration c) {
        new Fields()
                .add("context", c.activeContextType())
                .add("session", c.currentSessionId())
                .add("branch", c.gitBranch())
                .add("head commit", c.gitHeadCommit())
                .add("token budget", c.defaultTokenBudget())
                .add("healthy", c.databaseHealthy())
                .add("checked at", Render.time(c.lastHealthCheckAt()))
                .add("version", c.version())
                .add("updated", Render.time(c.updatedAt()) + " by " + c.updatedBy())
                .print(out);
    }

    /** {@code config show}. */
    @Command(name = "show", description = "Show the project configuration.")
    static final class Show extends BaseCommand {
        @Override
        protected int execute() {
            ProjectConfiguration c = ws().configuration().get();
            emit(c, () -> details(out(), c));
            return 0;
        }
    }

    /** {@code config set}. */
    @Command(name = "set", description = "Change some configuration fields.")
    static final class Set extends BaseCommand {
        private static final java.util.Set<String> CLEARABLE = java.util.Set.of("session", "branch", "commit");

        @Option(names = "--context", description = "feature | maintenance | research")
        String context;
        @Option(names = "--session", paramLabel = "ID", description = "Current session (a session item's id).")
        String session;
        @Option(names = "--branch", paramLabel = "NAME", description = "Git branch (at most 100 characters).")
        String branch;
        @Option(names = "--commit", paramLabel = "SHA", description = "Git head commit (40 lowercase hex).")
        String commit;
        @Option(names = "--token-budget", paramLabel = "N", description = "Default token budget, 1000-1000000.")
        Integer tokenBudget;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;
        @Option(names = "--clear", split = ",", paramLabel = "FIELD", description = "Clear: session, branch, commit.")
        List<String> clear = new ArrayList<>();

        @Override
        protected int execute() {
            for (String c : clear) {
                if (!CLEARABLE.contains(c)) {
                    throw usage("--clear takes session, branch or commit; got '" + c + "'");
                }
            }
            ProjectConfiguration c = ws().configuration().update(new ConfigurationUpdate(
                    field(context, false), field(session, clear.contains("session")),
                    field(branch, clear.contains("branch")), field(commit, clear.contains("commit")),
                    tokenBudget == null ? null : Optional.of(tokenBudget), version, by()));
            emit(c, () -> {
                out().println("updated configuration (version " + c.version() + ")");
                details(out(), c);
            });
            return 0;
        }

        private static Optional<String> field(String value, boolean clear) {
            if (value != null) {
                return Optional.of(value);
            }
            return clear ? Optional.empty() : null;
        }
    }
}
