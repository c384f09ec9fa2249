package dev.workstate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/**
 * {@link MarkdownOpenBenchmark#openReadCloseLauncherFlags} measures the product's cold open only while its fork
 * carries the JIT and GC flags {@code bin/workstate} starts every CLI process with; an annotation needs constants, so
 * the flags are written twice and this test keeps the copies equal.
 */
class LauncherFlagsTest {
    /** The flags that decide how the JVM compiles and collects (the launcher's others are about start-up and logs). */
    private static final Pattern JIT_OR_GC = Pattern.compile("-XX:(TieredStopAtLevel|CICompilerCount|[+-]Use\\w+GC"
            + "|MaxTenuringThreshold)\\S*|-Xmn\\S+");

    @Test
    void theLauncherFlagsBenchmarkForksWithTheJitAndGcFlagsOfBinWorkstate() throws Exception {
        Fork fork = MarkdownOpenBenchmark.class.getMethod("openReadCloseLauncherFlags").getAnnotation(Fork.class);
        List<String> benchmark = jitAndGcFlags(fork.jvmArgsAppend());

        List<String> launcher = jitAndGcFlags(launcherOptions().split("\\s+"));

        assertThat(launcher).as("bin/workstate's JIT/GC flags").isNotEmpty();
        assertThat(benchmark).as("MarkdownOpenBenchmark.openReadCloseLauncherFlags' @Fork")
                .containsExactlyElementsOf(launcher);
    }

    /** The text of the launcher's {@code opts=(…)} array. */
    private static String launcherOptions() throws IOException {
        Path launcher = Path.of("..", "bin", "workstate");
        String script = Files.readString(launcher);
        Matcher m = Pattern.compile("(?m)^opts=\\(([^)]*)\\)").matcher(script);
        assertThat(m.find()).as("an opts=(...) array in %s", launcher).isTrue();
        return m.group(1);
    }

    private static List<String> jitAndGcFlags(String[] options) {
        return Arrays.stream(options).filter(a -> JIT_OR_GC.matcher(a).matches()).toList();
    }
}
