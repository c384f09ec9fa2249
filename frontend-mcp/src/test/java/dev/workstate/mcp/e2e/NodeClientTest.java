package dev.workstate.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.workstate.mcp.McpServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the reference scenarios against {@code bin/workstate-mcp} through the official MCP TypeScript client
 * ({@code @modelcontextprotocol/sdk}, pinned in {@code src/test/node/package.json}), installed with {@code npm ci} into
 * {@code target/node-e2e}. Without Node.js on the PATH the test is skipped, unless {@code WORKSTATE_REQUIRE_NODE} is
 * set (CI), in which case it fails.
 */
class NodeClientTest {
    @TempDir
    Path scratch;

    @Test
    void referenceScenariosThroughTheTypeScriptClient() throws Exception {
        boolean required = System.getenv("WORKSTATE_REQUIRE_NODE") != null
                && !System.getenv("WORKSTATE_REQUIRE_NODE").isBlank();
        String node = onPath("node");
        String npm = onPath("npm");
        if (node == null || npm == null) {
            if (required) {
                fail("WORKSTATE_REQUIRE_NODE is set but node/npm are not on the PATH");
            }
            Assumptions.abort("node/npm not on the PATH (set WORKSTATE_REQUIRE_NODE=1 to make this a failure)");
        }
        Path source = Path.of(System.getProperty("workstate.node.src", "src/test/node"));
        Path work = Path.of(System.getProperty("workstate.build.dir", "target")).resolve("node-e2e");
        Files.createDirectories(work);
        for (String f : List.of("package.json", "package-lock.json", "scenarios.mjs")) {
            Files.copy(source.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(work.resolve("node_modules/@modelcontextprotocol/sdk"))
                || Files.getLastModifiedTime(work.resolve("package-lock.json")).compareTo(
                        Files.getLastModifiedTime(work.resolve("node_modules"))) > 0) {
            run(work, 600, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        run(work, 900, node, "scenarios.mjs", McpServerProcess.launcher().toString(), scratch.toString());
    }

    private static void run(Path cwd, long timeoutSeconds, String... command) throws IOException,
            InterruptedException {
        // Output goes to a log file, then through System.err: a child writing to the forked JVM's own stdout would
        // corrupt surefire's channel.
        Path log = cwd.resolve(new File(command[0]).getName() + ".log");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        System.err.println(Files.readString(log));
        assertThat(finished).as(String.join(" ", command) + " finished in time").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
