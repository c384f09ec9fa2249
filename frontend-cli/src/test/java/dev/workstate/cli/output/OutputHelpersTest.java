package dev.workstate.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables, trees, key/value blocks and the progress bar. */
class OutputHelpersTest {

    private static String render(java.util.function.Consumer<PrintWriter> f) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        f.accept(pw);
        pw.flush();
        return sw.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void tableAlignsColumnsAndClipsLongCells() {
        Table t = new Table("id", "title", "n");
        t.row("a", "short", 1).row("bbbb", "x".repeat(80), null);
        String out = render(t::print);
        assertThat(out.split("\n")).containsExactly(
                "ID    TITLE" + " ".repeat(57) + "N",
                "a     short" + " ".repeat(57) + "1",
                "bbbb  " + "x".repeat(59) + "…");
    }

    @Test
    void treeUsesBoxDrawing() {
        Map<String, List<String>> kids = Map.of("root", List.of("a", "b"), "a", List.of("a1", "a2"));
        String out = render(pw -> Tree.print(pw, List.of("root"), n -> kids.getOrDefault(n, List.of()), n -> n));
        assertThat(out).isEqualTo("root\n├── a\n│   ├── a1\n│   └── a2\n└── b\n");
    }

    @Test
    void fieldsAlignValuesAndSkipNulls() {
        String out = render(pw -> new Fields().add("id", "1").add("missing", null).add("description", "two\nlines")
                .print(pw));
        assertThat(out).isEqualTo("id           1\ndescription  two\n             lines\n");
    }

    @Test
    void progressBarDrawsOnlyWhenEnabled() {
        StringWriter sw = new StringWriter();
        try (ProgressBar bar = ProgressBar.always(new PrintWriter(sw), "importing", 4)) {
            bar.step();
            bar.step(3);
        }
        assertThat(sw.toString()).contains("\rimporting [#######" + "." .repeat(23) + "] 25% 1/4")
                .contains("importing [" + "#".repeat(30) + "] 100% 4/4").endsWith(System.lineSeparator());

        StringWriter unknown = new StringWriter();
        try (ProgressBar bar = ProgressBar.always(new PrintWriter(unknown), "replaying", 0)) {
            bar.advanceTo(7);
        }
        assertThat(unknown.toString()).contains("\rreplaying 7");

        StringWriter off = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(off), "x", 10, false, System::nanoTime)) {
            bar.step(10);
            assertThat(bar.enabled()).isFalse();
        }
        assertThat(off.toString()).isEmpty();
        // In tests there is no console, so the real factory is silent.
        StringWriter auto = new StringWriter();
        try (ProgressBar bar = ProgressBar.onStderr(new PrintWriter(auto), "x", 10)) {
            bar.step(5);
        }
        assertThat(auto.toString()).isEmpty();
    }

    @Test
    void progressBarThrottlesRedraws() {
        long[] now = {1};
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), "x", 1000, true, () -> now[0]);
        for (int i = 0; i < 500; i++) {
            bar.step();
        }
        assertThat(sw.toString().chars().filter(c -> c == '\r').count()).isEqualTo(1);
        now[0] += 200_000_000L;
        bar.step();
        assertThat(sw.toString().chars().filter(c -> c == '\r').count()).isEqualTo(2);
        bar.close();
    }
}
