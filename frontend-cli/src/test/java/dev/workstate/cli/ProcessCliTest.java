package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the CLI as a real separate process ({@code java -cp <test classpath> dev.workstate.cli.WorkstateCli}) to check
 * exit codes as the shell sees them and that nothing but the command's output reaches stdout, even with debug logs.
 */
class ProcessCliTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String logLevel, String... args) throws IOException, InterruptedException {
        return run(logLevel, Map.of("WORKSTATE_STORAGE", "sqlite"), args);
    }

    /** Runs the CLI with {@code storage} as its storage environment (layer order, database URL). */
    private Run run(String logLevel, Map<String, String> storage, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", TestClasspath.get(), "dev.workstate.cli.WorkstateCli"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("WORKSTATE_HOME", home.toString());
        pb.environment().remove("WORKSTATE_DATABASE_URL");
        pb.environment().putAll(storage);
        if (logLevel != null) {
            pb.environment().put("WORKSTATE_LOG_LEVEL", logLevel);
        } else {
            pb.environment().remove("WORKSTATE_LOG_LEVEL");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Run(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void exitCodesAndCleanStdoutInARealProcess() throws Exception {
        // Debug logging on: every log line must still go to stderr, so stdout stays one JSON document.
        Run created = run("debug", "item", "create", "--type", "task", "--title", "Über task ✓", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode item = Json.mapper().readTree(created.out());
        assertThat(item.get("title").asString()).isEqualTo("Über task ✓");
        assertThat(created.out().strip().lines().count()).isEqualTo(1);
        String id = item.get("id").asString();

        Run missing = run(null, "item", "show", "01900000-0000-7000-8000-000000000000", "--json");
        assertThat(missing.code()).isEqualTo(4);
        assertThat(Json.mapper().readTree(missing.out()).get("error").get("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(missing.err()).isEmpty();

        Run invalid = run(null, "item", "update", id, "--title", "x".repeat(201));
        assertThat(invalid.code()).isEqualTo(3);
        assertThat(invalid.out()).isEmpty();
        assertThat(invalid.err()).startsWith("error: VALIDATION_ERROR title: ");
        assertThat(invalid.err().lines().count()).isEqualTo(1);

        Run usage = run(null, "item", "frobnicate");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err().lines().count()).isEqualTo(1);

        Run conflict = run(null, "item", "update", id, "--version", "7", "--title", "y");
        assertThat(conflict.code()).isEqualTo(5);
        assertThat(conflict.out()).isEmpty();

        Run table = run(null, "item", "list");
        assertThat(table.code()).isZero();
        assertThat(table.err()).isEmpty();
        assertThat(table.out()).startsWith("ID").contains("Über task ✓", "1-1 of 1");
    }

    @Test
    void anUnreachablePostgresIsOneWarningLineNotAStackTrace() throws Exception {
        // Nothing listens on port 1: the postgres layer is down from the start, sqlite answers.
        Map<String, String> storage = Map.of("WORKSTATE_STORAGE", "postgres,sqlite",
                "WORKSTATE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/workstate");
        Run created = run(null, storage, "item", "create", "--type", "task", "--title", "while down", "--json");

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(Json.mapper().readTree(created.out()).get("title").asString()).isEqualTo("while down");
        assertThat(created.err()).contains("warning: postgres unavailable; served by sqlite (may be stale)")
                .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Caused by");
    }
}
