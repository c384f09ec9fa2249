package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code workstate history ID} with git: committed versions of the item's markdown file next to the audit trail,
 * the states without a repository, and ids that never reach git. Uses the real {@code git} executable.
 */
class GitHistoryCliTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void gitIsInstalled() throws Exception {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("`git --version` failed: these tests need git on the PATH");
            }
        } catch (IOException e) {
            fail("git is not installed or not on the PATH; GitHistoryCliTest needs it (" + e.getMessage() + ")");
        }
    }

    /** Runs git in {@code dir} with a private configuration, expects success and returns stdout. */
    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test Author", "-c",
                "user.email=author@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-C",
                dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("git %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out.strip();
    }

    private static Cli markdownCli(Path home) {
        Cli cli = new Cli(home);
        cli.env.put("WORKSTATE_STORAGE", "sqlite,markdown");
        return cli;
    }

    @Test
    void committedVersionsAreListedNewestFirstNextToTheAuditTrail() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "-q");
        Cli cli = markdownCli(repo.resolve(".workstate"));
        String id = cli.task("First: 'quoted' # title", null);
        Path file = repo.resolve(".workstate/markdown/work-items/" + id + ".md");
        assertThat(file).as("the CLI flushed the markdown mirror at exit").exists();
        git(repo, "add", ".workstate/markdown/work-items");
        git(repo, "commit", "-q", "-m", "first");
        String first = git(repo, "rev-parse", "HEAD");

        cli.json("--by", "bob", "item", "update", id, "--status", "completed", "--title", "---\nnot: yaml");
        git(repo, "add", ".workstate/markdown/work-items");
        git(repo, "commit", "-q", "-m", "second");
        String second = git(repo, "rev-parse", "HEAD");
        // A change that is not committed shows in the audit trail only.
        cli.json("--by", "carol", "item", "update", id, "--title", "Uncommitted");

        JsonNode j = cli.json("history", id);
        assertThat(j.get("events")).hasSize(3);
        assertThat(j.get("git").asString()).isEqualTo("ok");
        JsonNode versions = j.get("git_versions");
        assertThat(versions).hasSize(2);
        JsonNode newest = versions.get(0);
        assertThat(newest.get("commit_full").asString()).isEqualTo(second);
        assertThat(second).startsWith(newest.get("commit").asString());
        assertThat(newest.get("author").asString()).isEqualTo("Test Author");
        assertThat(newest.get("committed_at").asString()).endsWith("Z");
        assertThat(newest.get("version").asLong()).isEqualTo(2);
        assertThat(newest.get("status").asString()).isEqualTo("completed");
        assertThat(newest.get("title").asString()).isEqualTo("---\nnot: yaml");
        assertThat(newest.get("updated_by").asString()).isEqualTo("bob");
        assertThat(newest.get("deleted").asBoolean()).isFalse();
        JsonNode older = versions.get(1);
        assertThat(older.get("commit_full").asString()).isEqualTo(first);
        assertThat(older.get("version").asLong()).isEqualTo(1);
        assertThat(older.get("status").asString()).isEqualTo("active");
        assertThat(older.get("title").asString()).isEqualTo("First: 'quoted' # title");
        assertThat(older.get("updated_by").asString()).isEqualTo("claude-code");
        assertThat(older.get("updated_at").asString())
                .isEqualTo(j.get("events").get(0).get("at").asString());

        Cli.Result r = cli.run("history", id);
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[1]).contains("claude-code", "create");
        assertThat(lines[2]).contains("bob", "update", "status", "title");
        assertThat(lines[3]).contains("carol", "update", "title");
        assertThat(lines[4]).isEqualTo("3 events");
        assertThat(lines[6]).isEqualTo("Committed versions (git, newest first):");
        assertThat(lines[7]).startsWith("COMMIT").contains("AUTHOR", "STATUS", "TITLE", "UPDATED BY");
        assertThat(lines[8]).startsWith(newest.get("commit").asString()).contains("Test Author", "completed", "bob");
        assertThat(lines[9]).startsWith(older.get("commit").asString())
                .contains("active", "First: 'quoted' # title", "claude-code");
        assertThat(lines[10]).isEqualTo("2 committed versions");
    }

    @Test
    void outsideARepositoryThereIsNoGitSection() throws Exception {
        Path home = tmp.resolve("plain/.workstate");
        Cli cli = markdownCli(home);
        String id = cli.task("Not versioned", null);
        assertThat(home.resolve("markdown/work-items/" + id + ".md")).exists();

        JsonNode j = cli.json("history", id);
        assertThat(j.get("git").asString()).isEqualTo("not a git repository");
        assertThat(j.get("git_versions")).isEmpty();
        assertThat(j.get("events")).hasSize(1);
        Cli.Result r = cli.run("history", id);
        assertThat(r.out()).doesNotContain("Committed versions").endsWith("git: not a git repository"
                + System.lineSeparator());
    }

    @Test
    void aRepositoryWithoutCommitsOfTheFileSaysSo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("empty-repo"));
        git(repo, "init", "-q");
        Cli cli = markdownCli(repo.resolve(".workstate"));
        String id = cli.task("Never committed", null);
        assertThat(cli.json("history", id).get("git").asString()).isEqualTo("not committed");

        Files.writeString(repo.resolve("README"), "x");
        git(repo, "add", "README");
        git(repo, "commit", "-q", "-m", "unrelated");
        JsonNode j = cli.json("history", id);
        assertThat(j.get("git").asString()).isEqualTo("not committed");
        assertThat(j.get("git_versions")).isEmpty();
    }

    @Test
    void withoutTheMarkdownLayerNothingIsPrinted() {
        Cli cli = new Cli(tmp.resolve("sqlite-only"));
        String id = cli.task("Only SQLite", null);
        JsonNode j = cli.json("history", id);
        assertThat(j.get("git").asString()).isEqualTo("no markdown directory");
        assertThat(j.get("git_versions")).isEmpty();
        assertThat(cli.run("history", id).out()).endsWith("1 event" + System.lineSeparator());
    }

    @Test
    void anIdThatIsNotAUuidIsRefusedBeforeGitRuns() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo2"));
        git(repo, "init", "-q");
        Cli cli = markdownCli(repo.resolve(".workstate"));
        cli.task("Something", null);
        int before = GitFileHistory.PROCESSES_STARTED.get();
        for (String bad : List.of("../../../etc/passwd", "--output=/tmp/x", "HEAD", "x:work-items/a.md", "",
                "01900000-0000-7000-8000-00000000000g")) {
            Cli.Result r = cli.run("--json", "history", "--", bad);
            assertThat(r.code()).as("history %s", bad).isEqualTo(3);
            assertThat(r.error().get("code").asString()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(GitFileHistory.PROCESSES_STARTED.get()).as("git processes started").isEqualTo(before);
    }

    @Test
    void frontMatterParsingStopsAtTheClosingLineOnly() {
        String content = "---\nid: a\nversion: 7\ntitle: 'x: y'\ndescription: |\n  ---\n  not: yaml\nstatus: done\n"
                + "---\n\n# body\n---\nstatus: fake\n";
        var fm = GitFileHistory.frontMatter(content);
        assertThat(fm.get("version")).isEqualTo(7);
        assertThat(fm.get("title")).isEqualTo("x: y");
        assertThat(fm.get("status")).isEqualTo("done");
        assertThat(GitFileHistory.frontMatter("no front matter\n")).isEmpty();
        assertThat(GitFileHistory.frontMatter("---\n[unclosed\n---\n")).isEmpty();
        assertThat(GitFileHistory.frontMatter("---\nid: a\n")).isEmpty();
    }

    @Test
    void frontMatterWithAnEmojiAcrossSnakeYamlsChunkEdgeIsRead() {
        // SnakeYAML Engine 3.0.1 fails when a 1 024-character chunk ends on the high half of a surrogate pair
        for (int pad = 1000; pad < 1030; pad++) {
            String title = "x".repeat(pad) + "🇫🇷🇫🇷";
            assertThat(GitFileHistory.frontMatter("---\ntitle: \"" + title + "\"\n---\n").get("title"))
                    .as("pad %d", pad).isEqualTo(title);
        }
    }
}
