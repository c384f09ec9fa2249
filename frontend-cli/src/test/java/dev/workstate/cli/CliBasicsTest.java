package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.cli.command.BaseCommand;
import dev.workstate.error.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** Help, version, usage errors, completion, init, configuration errors and the exit-code mapping. */
class CliBasicsTest {

    @TempDir
    Path dir;

    /** Every command path of the CLI, e.g. [item, create]. */
    private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            out.addAll(commandPaths(e.getValue(), path));
        }
        return out;
    }

    @Test
    void helpWorksOnEveryCommandAndOpensNoStore() {
        Cli cli = new Cli(dir.resolve("home"));
        List<List<String>> paths = commandPaths(WorkstateCli.commandLine(Map.of()), List.of());
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("init", "demo", "item create", "item claim",
                "history", "vendor update", "deploy record", "enhancement list", "config set", "status", "archive",
                "completion");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: workstate " + String.join(" ", path));
            assertThat(r.out()).contains("--json", "--data-dir", "--help");
            assertThat(r.err()).isEmpty();
        }
        Cli.Result top = cli.run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Exit codes:", "item", "vendor", "deploy");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void aOneShotRunBuildsOnlyTheCommandItRuns() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        Map<String, String> env = Map.of("WORKSTATE_HOME", dir.toString());
        assertThat(WorkstateCli.commandLine(env, sink, sink, new String[] {"--data-dir", "item", "vendor", "list"})
                .getSubcommands().keySet()).containsExactly("vendor");
        assertThat(WorkstateCli.commandLine(env, sink, sink, new String[] {"--by=x", "--json", "item", "show", "i"})
                .getSubcommands().keySet()).containsExactly("item");
        assertThat(WorkstateCli.commandLine(env, sink, sink, new String[] {"--help"}).getSubcommands())
                .hasSameSizeAs(WorkstateCli.COMMANDS);
        assertThat(WorkstateCli.commandLine(env, sink, sink, new String[] {"completion"}).getSubcommands())
                .hasSameSizeAs(WorkstateCli.COMMANDS);
        assertThat(WorkstateCli.commandLine(env, sink, sink, new String[] {"itme", "show"}).getSubcommands())
                .hasSameSizeAs(WorkstateCli.COMMANDS);
        StringWriter out = new StringWriter();
        CommandLine lazy = WorkstateCli.commandLine(env, new PrintWriter(out, true), sink,
                new String[] {"item", "list", "--json"});
        assertThat(lazy.execute("item", "list", "--json")).isZero();
        assertThat(out.toString()).contains("\"total_count\":0");
    }

    @Test
    void versionIsPrinted() {
        Cli.Result r = new Cli(dir).run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("workstate ").doesNotContain("unknown");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        Cli cli = new Cli(dir);
        for (String[] args : new String[][] {{}, {"item"}, {"nonsense"}, {"item", "create", "--title", "x"},
            {"item", "list", "--limit", "abc"}, {"item", "show"}, {"item", "list", "--bogus"},
            {"item", "claim", "x", "--release", "--renew"}, {"item", "update", "x", "--clear", "title"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: USAGE ").contains("--help");
        }
    }

    @Test
    void completionPrintsABashScript() {
        Cli.Result r = new Cli(dir).run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F", "workstate", "vendor", "deploy");
    }

    @Test
    void initCreatesTheStoreAndSuggestsGitignoreLines() throws Exception {
        Path home = dir.resolve("proj").resolve(".workstate");
        Cli cli = new Cli(home);
        Cli.Result r = cli.run("init");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(home).isDirectory();
        assertThat(r.out()).contains(home.toString(), "*.db", "*.db-*", "markdown/journal.wal", "markdown/");
        assertThat(dir.resolve("proj").resolve(".gitignore")).doesNotExist();
        JsonNode j = cli.json("init");
        assertThat(j.get("data_dir").asString()).isEqualTo(home.toAbsolutePath().normalize().toString());
        assertThat(j.get("layer").asString()).isEqualTo("sqlite");
        assertThat(j.get("layers").get(0).asString()).isEqualTo("sqlite");
        String prefix = j.get("gitignore").get(0).asString().replace("*.db", "");
        List<String> lines = new java.util.ArrayList<>();
        j.get("gitignore").forEach(n -> lines.add(n.asString().substring(prefix.length())));
        // exactly the block README.md documents, which docs/markdown-store.md repeats
        assertThat(lines).containsExactly("*.db", "*.db-*", "markdown/journal.wal", "markdown/.lock",
                "markdown/.records.cache*", "markdown/**/.*.tmp");
        assertThat(readmeGitignoreBlock()).containsExactlyElementsOf(lines.stream().map(l -> ".workstate/" + l).toList());
    }

    @Test
    void dataDirFlagWinsOverEnvironment() {
        Cli cli = new Cli(dir.resolve("env-home"));
        Path flag = dir.resolve("flag-home");
        assertThat(cli.run("--data-dir", flag.toString(), "init").code()).isZero();
        assertThat(cli.run("init", "--data-dir", flag.toString()).code()).isZero();
        assertThat(flag).isDirectory();
        assertThat(dir.resolve("env-home")).doesNotExist();
    }

    @Test
    void badConfigurationIsOneLineNamingTheSetting() {
        Cli cli = new Cli(dir);
        cli.env.put("WORKSTATE_STORAGE", "sqlite,floppy");
        Cli.Result r = cli.run("item", "list");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: VALIDATION_ERROR WORKSTATE_STORAGE: ");
        Cli.Result j = cli.run("item", "list", "--json");
        assertThat(j.code()).isEqualTo(3);
        assertThat(j.error().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(j.error().get("details").get("fields").get(0).get("field").asString())
                .isEqualTo("WORKSTATE_STORAGE");
        Cli.Result client = new Cli(dir).run("--by", "x".repeat(101), "item", "create", "--type", "task", "--title",
                "t");
        assertThat(client.code()).isEqualTo(3);
        assertThat(client.err()).startsWith("error: VALIDATION_ERROR created_by: ");
    }

    @Test
    void unexpectedFailuresAreExitOneWithAGenericLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkstateCli.commandLine(Map.of("WORKSTATE_HOME", dir.toString()));
        cl.addSubcommand(new Boom());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("boom")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: INTERNAL unexpected error (rerun with WORKSTATE_LOG_LEVEL=debug "
                + "for details)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();

        StringWriter out2 = new StringWriter();
        CommandLine cl2 = WorkstateCli.commandLine(Map.of("WORKSTATE_HOME", dir.toString()));
        cl2.addSubcommand(new Boom());
        cl2.setOut(new PrintWriter(out2));
        cl2.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl2.execute("boom", "--json")).isEqualTo(1);
        JsonNode e = dev.workstate.internal.Json.mapper().readTree(out2.toString()).get("error");
        assertThat(e.get("code").asString()).isEqualTo("INTERNAL");
        assertThat(e.get("message").asString()).doesNotContain("secret");
    }

    @Test
    void exitCodesFollowTheErrorCodes() {
        assertThat(ErrorCode.VALIDATION_ERROR.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.DEPENDENCY_CYCLE.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.NOT_FOUND.exitCode()).isEqualTo(4);
        assertThat(ErrorCode.VERSION_CONFLICT.exitCode()).isEqualTo(5);
        assertThat(ErrorCode.DUPLICATE.exitCode()).isEqualTo(5);
        assertThat(ErrorCode.STORAGE_UNAVAILABLE.exitCode()).isEqualTo(6);
        assertThat(ErrorCode.INTERNAL.exitCode()).isEqualTo(1);
    }

    @Test
    void unusableStorageIsExitSixWithoutInternals() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Cli.Result r = new Cli(file).run("item", "list");
        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .startsWith("error: STORAGE_UNAVAILABLE ");
        assertThat(r.err()).doesNotContain("\tat ", "Exception", file.toString());
        Cli.Result j = new Cli(file).run("item", "list", "--json");
        assertThat(j.code()).isEqualTo(6);
        assertThat(j.error().get("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
    }

    /** A command that fails unexpectedly, to check the INTERNAL mapping. */
    @Command(name = "boom")
    static final class Boom extends BaseCommand {
        @Override
        protected int execute() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    /** The lines of the first {@code gitignore} code block in README.md. */
    private static List<String> readmeGitignoreBlock() throws java.io.IOException {
        String readme = Files.readString(EmbeddingExampleTest.repositoryRoot().resolve("README.md"));
        int start = readme.indexOf("```gitignore\n");
        assertThat(start).as("a gitignore block in README.md").isNotNegative();
        int from = start + "```gitignore\n".length();
        return List.of(readme.substring(from, readme.indexOf("```", from)).strip().split("\n"));
    }
}
