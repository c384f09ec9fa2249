package dev.workstate.cli;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.cli.command.ArchiveCommand;
import dev.workstate.cli.command.CompletionCommand;
import dev.workstate.cli.command.ConfigCommand;
import dev.workstate.cli.command.DemoCommand;
import dev.workstate.cli.command.DeployCommand;
import dev.workstate.cli.command.EnhancementCommand;
import dev.workstate.cli.command.ExportCommand;
import dev.workstate.cli.command.ImportCommand;
import dev.workstate.cli.command.MigrateCommand;
import dev.workstate.cli.command.HistoryCommand;
import dev.workstate.cli.command.InitCommand;
import dev.workstate.cli.command.ItemCommand;
import dev.workstate.cli.command.StatusCommand;
import dev.workstate.cli.command.SyncCommand;
import dev.workstate.cli.command.VendorCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code workstate} root command: global options shared by every subcommand, lazy opening of the store, and the
 * process entry point. Errors become exit codes (0 ok, 2 usage, 3 validation, 4 not found, 5 conflict, 6 storage
 * unavailable, 1 other) and one line on stderr, or an error object on stdout with {@code --json}.
 *
 * <p>Not thread-safe: one instance per invocation ({@link #commandLine(Map)} builds a fresh one).
 */
@Command(name = "workstate", versionProvider = VersionProvider.class, sortOptions = false,
        description = "Tracks work items, vendors, deployments, configuration and enhancements of a project.",
        footer = {"", "Exit codes: 0 ok, 2 usage, 3 validation, 4 not found, 5 conflict, 6 storage unavailable, 1 other."})
public final class WorkstateCli implements Runnable {

    /**
     * Every top-level command. Registering a new subcommand is one line here: its class, annotated with
     * {@code @Command(name = ...)}. (Kept out of the annotation so a one-shot run builds only the command it runs.)
     */
    static final List<Class<?>> COMMANDS = List.of(
            InitCommand.class,
            DemoCommand.class,
            ItemCommand.class,
            HistoryCommand.class,
            VendorCommand.class,
            DeployCommand.class,
            EnhancementCommand.class,
            ConfigCommand.class,
            StatusCommand.class,
            ArchiveCommand.class,
            CompletionCommand.class,
            MigrateCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            SyncCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    // Like mixinStandardHelpOptions, but only --help is inherited: subcommands use --version for record versions.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, order = 90,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, order = 91,
            description = "Print version information and exit.")
    boolean versionRequested;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", order = 100,
            description = "Data directory (env WORKSTATE_HOME, default ./.workstate).")
    Path dataDir;

    @Option(names = "--database-url", scope = ScopeType.INHERIT, paramLabel = "URL", order = 101,
            description = "PostgreSQL JDBC URL; enables the postgres layer (env WORKSTATE_DATABASE_URL; user and "
                    + "password from WORKSTATE_DATABASE_USER / WORKSTATE_DATABASE_PASSWORD).")
    String databaseUrl;

    // No --database-password flag on purpose: a password on the command line leaks through ps and shell history.
    @Option(names = "--database-user", scope = ScopeType.INHERIT, paramLabel = "USER", order = 101,
            description = "PostgreSQL user (env WORKSTATE_DATABASE_USER); the password only via "
                    + "WORKSTATE_DATABASE_PASSWORD or database_password in config.properties.")
    String databaseUser;

    @Option(names = "--database-schema", scope = ScopeType.INHERIT, paramLabel = "SCHEMA", order = 101,
            description = "PostgreSQL schema, so several projects can share one database "
                    + "(env WORKSTATE_DATABASE_SCHEMA).")
    String databaseSchema;

    @Option(names = "--storage", scope = ScopeType.INHERIT, paramLabel = "LAYERS", order = 102,
            description = "Layer order, e.g. postgres,sqlite,markdown (env WORKSTATE_STORAGE).")
    String storage;

    @Option(names = "--by", scope = ScopeType.INHERIT, paramLabel = "CLIENT", order = 103,
            description = "Acting client id for writes and claims (env WORKSTATE_CLIENT, default claude-code).")
    String by;

    @Option(names = "--json", scope = ScopeType.INHERIT, order = 104,
            description = "Print the same snake_case JSON the MCP server returns (errors as {\"error\": ...}).")
    boolean json;

    private final Map<String, String> env;
    private Workstate workstate;
    private EarlyStoreOpen early;

    /** A root command reading the given environment (tests pass their own; {@link #main} passes the real one). */
    public WorkstateCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String level = env.get("WORKSTATE_LOG_LEVEL");
        if (level != null && !level.isBlank() && System.getProperty("workstate.log.level") == null) {
            System.setProperty("workstate.log.level", level.trim().toUpperCase(java.util.Locale.ROOT));
        }
        // UTF-8 whatever the locale: titles and tree lines are Unicode.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        // Before picocli: the store opens on another thread while the command line is being built and parsed.
        EarlyStoreOpen early = EarlyStoreOpen.start(args, env);
        CommandLine cl = commandLine(env, out, err, args);
        ((WorkstateCli) cl.getCommand()).early = early;
        int code = cl.execute(args);
        out.flush();
        err.flush();
        if (early != null) {
            early.finish();
        }
        System.exit(code);
    }

    /** A fully configured command line over {@code env}, printing to the process's stdout and stderr. */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A fully configured command line over {@code env}, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err, null);
    }

    /**
     * As {@link #commandLine(Map, PrintWriter, PrintWriter)}, but when {@code args} name a top-level command only that
     * command's tree is built: picocli's model of the whole CLI is a noticeable part of a cold start. Without a
     * recognisable command (top-level --help, --version, typos) and for {@code completion} the whole tree is built.
     */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) {
        WorkstateCli root = new WorkstateCli(env);
        CommandLine cl = new CommandLine(root);
        Class<?> only = args == null ? null : commandNamedIn(cl, args);
        // A bare --version needs no command at all (the root answers it).
        boolean versionOnly = args != null && args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
        for (Class<?> c : COMMANDS) {
            if (!versionOnly && (only == null || c == only)) {
                cl.addSubcommand(c);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parseResult -> {
            try {
                int code = new CommandLine.RunLast().execute(parseResult);
                root.warnIfDegraded(err);
                return code;
            } finally {
                root.close();
            }
        });
        ErrorHandler handler = new ErrorHandler(root);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        return cl;
    }

    /** The command class named by the first non-option argument, or null (then every command is registered). */
    private static Class<?> commandNamedIn(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                CommandLine.Model.OptionSpec o = root.getCommandSpec().findOption(a);
                if (o != null && o.arity().max() > 0 && !a.contains("=")) {
                    i++;
                }
                continue;
            }
            for (Class<?> c : COMMANDS) {
                Command cmd = c.getAnnotation(Command.class);
                if (cmd != null && cmd.name().equals(a)) {
                    return c == CompletionCommand.class ? null : c;
                }
            }
            return null;
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** The {@code --by} value, or null when the configured client applies. */
    public String by() {
        return by;
    }

    /** The environment this invocation reads. */
    public Map<String, String> env() {
        return env;
    }

    /** True when the user chose a data directory (flag or WORKSTATE_HOME) rather than the default. */
    public boolean dataDirGiven() {
        String home = env.get("WORKSTATE_HOME");
        return dataDir != null || (home != null && !home.isBlank());
    }

    /** The configuration from flags, environment and the data directory's config.properties. */
    public WorkstateConfig config() {
        return config(null);
    }

    /** As {@link #config()}, with the data directory replaced when {@code dataDirOverride} is not null. */
    public WorkstateConfig config(Path dataDirOverride) {
        return WorkstateConfig.resolve(flags(dataDirOverride), env);
    }

    /** The store-choosing global options as configuration flags, the data directory replaced when not null. */
    Map<String, String> flags(Path dataDirOverride) {
        Map<String, String> flags = new HashMap<>();
        Path dir = dataDirOverride != null ? dataDirOverride : dataDir;
        if (dir != null) {
            flags.put("data_dir", dir.toString());
        }
        if (databaseUrl != null) {
            flags.put("database_url", databaseUrl);
        }
        if (databaseUser != null) {
            flags.put("database_user", databaseUser);
        }
        if (databaseSchema != null) {
            flags.put("database_schema", databaseSchema);
        }
        if (storage != null) {
            flags.put("storage", storage);
        }
        return flags;
    }

    /** The store of this invocation, opened on first use and closed when the command ends. */
    public Workstate workstate() {
        if (workstate == null) {
            Map<String, String> flags = flags(null);
            Workstate opened = early == null ? null : early.take(flags);
            if (opened == null) {
                EarlyStoreOpen.awaitLogging();
                opened = Workstate.open(WorkstateConfig.resolve(flags, env));
            }
            workstate = opened;
        }
        return workstate;
    }

    /** Opens the store in {@code dir} for this invocation (used by {@code demo} with a temporary directory). */
    public Workstate workstate(Path dir) {
        if (workstate == null) {
            EarlyStoreOpen.awaitLogging();
            workstate = Workstate.open(config(dir));
        }
        return workstate;
    }

    /**
     * SPEC §3: every result says which layer served it and whether it may be stale. Stdout stays the result (and
     * valid JSON with {@code --json}), so a degraded answer gets one {@code warning:} line on stderr, worded like the
     * MCP server's.
     */
    void warnIfDegraded(PrintWriter err) {
        if (workstate == null) {
            return;
        }
        try {
            dev.workstate.port.ServedBy s = workstate.storage().lastServedBy();
            if (s != null && (s.stale() || s.warning() != null)) {
                String warning = s.warning() != null ? s.warning()
                        : "served by the " + s.layer() + " layer; data may be stale";
                err.println("warning: " + warning.replace('\n', ' '));
                err.flush();
            }
        } catch (RuntimeException e) {
            // The command's outcome is already decided; the notice is best effort.
            org.slf4j.LoggerFactory.getLogger(WorkstateCli.class).debug("served-by unavailable", e);
        }
    }

    void close() {
        if (workstate != null) {
            Workstate w = workstate;
            workstate = null;
            try {
                w.close();
            } catch (RuntimeException e) {
                // The command's outcome is already decided; a failing close must not change it.
                org.slf4j.LoggerFactory.getLogger(WorkstateCli.class).warn("closing the store failed", e);
            }
        }
    }
}
