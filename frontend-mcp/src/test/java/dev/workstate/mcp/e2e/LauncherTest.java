package dev.workstate.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.mcp.McpServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real launcher {@code bin/workstate-mcp} over raw stdio: nothing but JSON-RPC on stdout (logs, Liquibase and
 * banners go to stderr), malformed lines are answered and the session goes on, every reply is written before the
 * process leaves at stdin EOF, the first {@code initialize} is measured, and the SDK client works through it too.
 */
class LauncherTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @TempDir
    Path dir;

    /** A launcher process with its stdout lines collected. */
    static final class Raw implements AutoCloseable {
        final Process process;
        final OutputStream stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();
        final long startNanos = System.nanoTime();
        final Thread reader;

        Raw(Path dataDir, String... extra) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(McpServerProcess.launcher().toString(), "--data-dir",
                    dataDir.toString()));
            cmd.addAll(List.of(extra));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dataDir.resolveSibling(
                    dataDir.getFileName() + ".stderr").toFile());
            process = pb.start();
            stdin = process.getOutputStream();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        synchronized (all) {
                            all.add(line);
                        }
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        JsonNode next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("a reply within 60 s").isNotNull();
            return JSON.readTree(line);
        }

        List<String> stdout() throws InterruptedException {
            if (!process.isAlive()) {
                reader.join(30_000);
            }
            synchronized (all) {
                return List.copyOf(all);
            }
        }

        @Override
        public void close() throws Exception {
            stdin.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void assertJsonRpcOnly(List<String> stdout) {
        assertThat(stdout).isNotEmpty();
        for (String line : stdout) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.get("jsonrpc").asString()).as(line).isEqualTo("2.0");
        }
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndMalformedInputIsAnswered() throws Exception {
        Path data = dir.resolve("data");
        try (Raw raw = new Raw(data)) {
            raw.send(INIT);
            assertThat(raw.next().get("id").asInt()).isEqualTo(1);
            raw.send(INITIALIZED);
            raw.send("this is not json");
            assertThat(raw.next().get("error").get("code").asInt()).isEqualTo(-32700);
            raw.send("[1, 2, 3]");
            assertThat(raw.next().get("error").get("code").asInt()).isEqualTo(-32600);
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"nonsense\":true}");
            JsonNode invalid = raw.next();
            assertThat(invalid.get("error").get("code").asInt()).isEqualTo(-32600);
            assertThat(invalid.get("id").asInt()).isEqualTo(7);
            raw.send("");
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\","
                    + "\"arguments\":{}}}");
            assertThat(raw.next().get("id").asInt()).isEqualTo(8);
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"create_work_item\","
                    + "\"arguments\":{\"item_type\":\"project\",\"title\":\"Through the launcher\","
                    + "\"metadata\":{\"description\":\"raw\"}}}}");
            JsonNode created = raw.next();
            assertThat(created.get("result").get("isError").asBoolean()).isFalse();
            assertThat(created.get("result").get("structuredContent").get("version").asInt()).isEqualTo(1);
            assertThat(created.get("result").get("_meta").get("served_by").get("layer").asString())
                    .isEqualTo("sqlite");
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\",\"params\":{}}");
            JsonNode list = raw.next();
            assertThat(list.get("result").get("tools").size()).isEqualTo(19);
            raw.close();
            assertThat(raw.process.exitValue()).isZero();
            assertJsonRpcOnly(raw.stdout());
        }
        assertThat(Files.readString(dir.resolve("data.stderr"))).doesNotContain("Exception in thread");
    }

    @Test
    void everyReplyIsWrittenBeforeExitAtStdinEof() throws Exception {
        Path data = dir.resolve("piped");
        try (Raw raw = new Raw(data)) {
            raw.send(INIT);
            raw.send(INITIALIZED);
            for (int i = 0; i < 20; i++) {
                raw.send("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"create_vendor\",\"arguments\":{\"name\":\"piped-" + i + "\"}}}");
            }
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":200,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"list_vendors\",\"arguments\":{\"limit\":100}}}");
            raw.stdin.close();
            assertThat(raw.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(raw.process.exitValue()).isZero();
            List<String> out = raw.stdout();
            assertJsonRpcOnly(out);
            assertThat(out).hasSize(22);
            // Calls run concurrently, so the list may or may not see every create; each got its own reply.
            assertThat(out.stream().map(JSON::readTree).map(n -> n.get("id").asInt()))
                    .containsAll(List.of(1, 100, 119, 200));
            assertThat(out.stream().map(JSON::readTree).filter(n -> n.get("id").asInt() >= 100)
                    .map(n -> n.get("result").get("isError").asBoolean())).containsOnly(false);
        }
    }

    @Test
    void firstInitializeOnAnExistingStoreIsMeasured() throws Exception {
        Path data = dir.resolve("existing");
        try (Raw warm = new Raw(data)) {
            warm.send(INIT);
            warm.next();
        }
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            try (Raw raw = new Raw(data)) {
                raw.send(INIT);
                JsonNode reply = raw.next();
                millis.add((System.nanoTime() - raw.startNanos) / 1_000_000);
                assertThat(reply.get("result").get("serverInfo").get("name").asString()).isEqualTo("workstate");
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.err.printf("[measure] launcher start -> initialize answered (existing store): runs %s ms, median %d ms%n",
                millis, sorted.get(2));
    }

    @Test
    void badConfigurationIsOneClearLineAndNoStdout() throws Exception {
        Path data = dir.resolve("badconf");
        Process p = new ProcessBuilder(McpServerProcess.launcher().toString(), "--data-dir", data.toString(),
                "--storage", "mysql").redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("WORKSTATE_STORAGE");
    }

    @Test
    void javaSdkClientThroughTheLauncher() {
        try (McpServerProcess server = McpServerProcess.fromLauncher(dir.resolve("sdk"), "claude-code")) {
            assertThat(server.client().listTools().tools()).hasSize(19);
            Map<String, Object> v = server.call("create_vendor", Map.of("name", "launcher-vendor"));
            assertThat(server.call("query_vendor_status", Map.of("name", "LAUNCHER-VENDOR")).get("id"))
                    .isEqualTo(v.get("id"));
        }
    }
}
