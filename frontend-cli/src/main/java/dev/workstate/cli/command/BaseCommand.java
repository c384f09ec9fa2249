package dev.workstate.cli.command;

import dev.workstate.Workstate;
import dev.workstate.cli.WorkstateCli;
import dev.workstate.internal.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every runnable command: access to the global options, the lazily opened store, stdout, and the choice
 * between human output and {@code --json}.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** Does the work and returns the exit code (0 unless the outcome is a refusal such as a claim not granted). */
    protected abstract int execute();

    @Override
    public final Integer call() {
        return execute();
    }

    protected WorkstateCli cli() {
        return (WorkstateCli) spec.root().userObject();
    }

    protected Workstate ws() {
        return cli().workstate();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected boolean json() {
        return cli().json();
    }

    /** The {@code --by} client, or null to let the service apply the configured default. */
    protected String by() {
        return cli().by();
    }

    /** The acting client, never null: {@code --by} or the configured client. */
    protected String actor() {
        String by = by();
        return by != null ? by : ws().config().client();
    }

    /** Prints {@code result} as JSON with {@code --json}, else runs the human renderer. */
    protected void emit(Object result, Runnable human) {
        if (json()) {
            printJson(result);
        } else {
            human.run();
        }
        out().flush();
    }

    protected void printJson(Object result) {
        out().println(Json.write(result));
    }

    /** A usage error (exit code 2) reported against this command. */
    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
