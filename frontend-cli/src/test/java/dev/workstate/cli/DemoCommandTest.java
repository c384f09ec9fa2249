package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code workstate demo}: the quick-start job. */
class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void createsTheSampleHierarchyOnceAndPrintsATree() {
        Cli cli = new Cli(home);
        Cli.Result first = cli.run("demo");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Created the demo hierarchy in " + home.toAbsolutePath().normalize(),
                "Demo: Semantic code search  [project, active]",
                "├── Implementation session 1  [session, active]",
                "│   ├── Implement tree-sitter parsing  [task, active]",
                "│   └── Write parser unit tests  [task, active]",
                "└── Compare embedding models  [research, active]",
                "Ready to work on");
        String ready = first.out().substring(first.out().indexOf("Ready to work on"));
        assertThat(ready).contains("Implement tree-sitter parsing").doesNotContain("Write parser unit tests");

        Cli.Result second = cli.run("demo");
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("already exists");
        assertThat(cli.json("item", "list").get("total_count").asLong()).isEqualTo(5);
        JsonNode j = cli.json("demo");
        assertThat(j.get("created").asBoolean()).isFalse();
        assertThat(j.get("project").get("descendants")).hasSize(4);
    }

    @Test
    void withoutADataDirectoryItUsesAFreshTemporaryOne() throws Exception {
        Cli cli = new Cli(home);
        cli.env.remove("WORKSTATE_HOME");
        JsonNode j = cli.json("demo");
        Path dir = Path.of(j.get("data_dir").asString());
        try {
            assertThat(dir.getFileName().toString()).startsWith("workstate-demo-");
            assertThat(dir).isDirectory();
            assertThat(j.get("created").asBoolean()).isTrue();
            assertThat(Path.of(".workstate")).doesNotExist();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
