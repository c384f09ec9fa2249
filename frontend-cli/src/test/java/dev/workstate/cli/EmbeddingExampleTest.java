package dev.workstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the embedding example of the documentation (the Java block between
 * {@code <!-- embed-example:start -->} and {@code <!-- embed-example:end -->}), so the documented code cannot rot.
 */
class EmbeddingExampleTest {

    /** The document holding the example, relative to the repository root (moves to README.md later). */
    static final String EXAMPLE_DOCUMENT = "README.md";

    @TempDir
    Path work;

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }

    static String exampleSource() throws Exception {
        String doc = Files.readString(repositoryRoot().resolve(EXAMPLE_DOCUMENT));
        Matcher m = Pattern.compile("<!-- embed-example:start -->\\s*```java\\R(.*?)```\\s*<!-- embed-example:end -->",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a ```java block between the embed-example markers in " + EXAMPLE_DOCUMENT).isTrue();
        return m.group(1);
    }

    @Test
    void theDocumentedExampleCompilesAndRuns() throws Exception {
        String source = exampleSource();
        Matcher cls = Pattern.compile("public\\s+class\\s+(\\w+)").matcher(source);
        assertThat(cls.find()).isTrue();
        String className = cls.group(1);
        Path src = work.resolve("src").resolve(className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (javax.tools compiler)").isNotNull();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", TestClasspath.get(), "-d", classes.toString(), "--release", "17",
                        "-Xlint:none"),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(src.toFile())).call();
        assertThat(ok).as("compilation of the example:\n" + diagnostics).isTrue();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EmbeddingExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8).replace(File.separator.equals("\\") ? "\r" : "\0",
                "");
        assertThat(printed.lines().toList()).containsExactly("Semantic search", "  - Parse Java files [task]");
    }
}
