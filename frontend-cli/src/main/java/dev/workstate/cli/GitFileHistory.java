package dev.workstate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only view of the committed versions of one work item's markdown file ({@code work-items/<uuid>.md} under the
 * markdown directory), taken from the git repository the directory lies in.
 *
 * <p>git runs as a child process without a shell, with a timeout per call, and only with read commands
 * ({@code rev-parse}, {@code log}, {@code cat-file}); every argument is either a constant, the item's {@link UUID}
 * (already parsed, so never a path fragment) or a commit hash read back from git and checked to be hexadecimal.
 * Nothing from a record's content ever becomes an argument. Workstate never writes to the repository.
 *
 * <p>Thread-safe: stateless apart from a process counter used by tests.
 */
public final class GitFileHistory {
    /** Outcome when the item has committed versions. */
    public static final String OK = "ok";
    /** The markdown directory does not exist (the markdown layer is not in use). */
    public static final String NO_MARKDOWN_DIRECTORY = "no markdown directory";
    /** No {@code git} executable could be started. */
    public static final String GIT_NOT_AVAILABLE = "git not available";
    /** The markdown directory is not inside a git work tree. */
    public static final String NOT_A_REPOSITORY = "not a git repository";
    /** Inside a work tree, but no commit touched the item's file. */
    public static final String NOT_COMMITTED = "not committed";
    /** git answered with an error or did not answer within the timeout. */
    public static final String GIT_FAILED = "git failed";

    /** At most this many commits are listed, newest first. */
    public static final int DEFAULT_LIMIT = 50;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(GitFileHistory.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final char SEP = '\u001f';
    /** A record file is small; anything bigger is not read (and not ours). */
    private static final int MAX_OUTPUT = 8 * 1024 * 1024;
    /**
     * Settings whose read buffer holds the whole block: SnakeYAML Engine 3.0.1 fails when a 1 024-character chunk of its
     * input ends on the high half of a surrogate pair (an emoji), so a block is read in one chunk.
     */
    private static LoadSettings loadSettings(int length) {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_OUTPUT)
                .setBufferSize(Math.max(1024, length + 1))
                .build();
    }

    /** Started git processes, for tests that prove a code path never runs git. */
    static final AtomicInteger PROCESSES_STARTED = new AtomicInteger();

    private final String git;
    private final Duration timeout;
    private final int limit;

    /** Uses {@code git} from the PATH, {@link #DEFAULT_TIMEOUT} per call and {@link #DEFAULT_LIMIT} commits. */
    public GitFileHistory() {
        this("git", DEFAULT_TIMEOUT, DEFAULT_LIMIT);
    }

    GitFileHistory(String git, Duration timeout, int limit) {
        this.git = Objects.requireNonNull(git);
        this.timeout = Objects.requireNonNull(timeout);
        this.limit = limit;
    }

    /**
     * One committed version of the file: the commit and the front-matter fields of the file as committed (null when
     * the commit deleted the file or its front matter could not be read).
     */
    public record Version(String commit, String commitFull, Instant committedAt, String author, Long version,
            String status, String title, String updatedBy, String updatedAt, boolean deleted) {
    }

    /** The outcome: {@link #OK} with versions newest first, or one of the other states with no versions. */
    public record Result(String state, List<Version> versions) {
        public Result {
            versions = List.copyOf(versions);
        }

        static Result of(String state) {
            return new Result(state, List.of());
        }
    }

    /** The committed versions of {@code <markdownDir>/work-items/<id>.md}, newest first. Never throws. */
    public Result workItem(Path markdownDir, UUID id) {
        Objects.requireNonNull(id);
        if (markdownDir == null || !Files.isDirectory(markdownDir)) {
            return Result.of(NO_MARKDOWN_DIRECTORY);
        }
        Path dir = markdownDir.toAbsolutePath().normalize();
        String file = "work-items/" + id + ".md";
        try {
            Run top = run(dir, "rev-parse", "--is-inside-work-tree", "--show-prefix");
            String[] lines = top.text().split("\n", -1);
            if (top.exit() != 0 || lines.length < 2 || !"true".equals(lines[0].strip())) {
                return Result.of(NOT_A_REPOSITORY);
            }
            // The prefix is the directory's path inside the work tree; blobs are addressed relative to the top.
            String prefix = lines[1].strip();
            Run log = run(dir, "log", "--no-color", "--no-show-signature", "--max-count=" + limit,
                    "--format=%H" + SEP + "%h" + SEP + "%ct" + SEP + "%an", "--", file);
            if (log.exit() != 0) {
                // A repository without any commit yet ends up here too.
                return Result.of(log.text().isEmpty() ? NOT_COMMITTED : GIT_FAILED);
            }
            List<Version> versions = new ArrayList<>();
            for (String line : log.text().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(String.valueOf(SEP), 4);
                if (f.length < 4 || !HASH.matcher(f[0]).matches()) {
                    LOG.debug("unexpected git log line skipped");
                    continue;
                }
                Run blob = run(dir, "cat-file", "blob", f[0] + ":" + prefix + file);
                versions.add(version(f, blob));
            }
            return versions.isEmpty() ? Result.of(NOT_COMMITTED) : new Result(OK, versions);
        } catch (GitMissing e) {
            return Result.of(GIT_NOT_AVAILABLE);
        } catch (IOException | RuntimeException e) {
            LOG.debug("reading git history failed", e);
            return Result.of(GIT_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.of(GIT_FAILED);
        }
    }

    private static Version version(String[] f, Run blob) {
        Instant at = null;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(f[2].strip()));
        } catch (NumberFormatException e) {
            // Leave it null: the rest of the line is still useful.
        }
        if (blob.exit() != 0) {
            return new Version(f[1], f[0], at, f[3], null, null, null, null, null, true);
        }
        Map<String, Object> fm = frontMatter(blob.text());
        return new Version(f[1], f[0], at, f[3], asLong(fm.get("version")), scalar(fm.get("status")),
                scalar(fm.get("title")), scalar(fm.get("updated_by")), scalar(fm.get("updated_at")), false);
    }

    /**
     * The top-level keys of the YAML block between the first two {@code ---} lines, or an empty map when there is no
     * such block or it is not a YAML mapping. Multi-line values are indented, so a {@code ---} inside a description
     * never ends the block.
     */
    static Map<String, Object> frontMatter(String content) {
        String[] lines = content.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].equals("---")) {
            return Map.of();
        }
        StringBuilder block = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].equals("---")) {
                try {
                    Object doc = new Load(loadSettings(block.length())).loadFromString(block.toString());
                    if (doc instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) m;
                        return map;
                    }
                } catch (RuntimeException e) {
                    LOG.debug("committed front matter unreadable", e);
                }
                return Map.of();
            }
            block.append(lines[i]).append('\n');
        }
        return Map.of();
    }

    private static String scalar(Object v) {
        return v == null || v instanceof Map || v instanceof List ? null : v.toString();
    }

    private static Long asLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? null : Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Run(int exit, String text) {
    }

    private static final class GitMissing extends IOException {
        GitMissing(IOException cause) {
            super(cause);
        }
    }

    private Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(git);
        cmd.add("--no-pager");
        cmd.add("-C");
        cmd.add(dir.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = pb.environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        // Read-only: no opportunistic index refresh or other lock-taking writes.
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitMissing(e);
        }
        PROCESSES_STARTED.incrementAndGet();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readBounded(p.getInputStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("git timed out");
            }
            byte[] bytes = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Run(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("reading git output failed", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static byte[] readBounded(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buf.size() + n > MAX_OUTPUT) {
                    // Keep draining so git does not block on a full pipe; the result is cut off.
                    continue;
                }
                buf.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // The process was killed or closed its output; what was read so far is all there is.
        }
        return buf.toByteArray();
    }
}
