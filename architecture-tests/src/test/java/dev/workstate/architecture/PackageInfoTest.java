package dev.workstate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: every package has a {@code package-info.java} that says what lives there. Checked on the source folders of
 * every module (javac writes no {@code package-info.class} for a comment-only file, so the classes cannot tell). A test
 * package that is also a main package is covered by the main folder's file.
 */
class PackageInfoTest {

    @Test
    void everyPackageHasADocumentedPackageInfo() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("reactor root").exists();
        List<Path> mainDirs = new ArrayList<>();
        List<Path> testDirs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src/main/java/dev/workstate");
                Path test = module.resolve("src/test/java/dev/workstate");
                if (Files.isDirectory(main)) {
                    mainDirs.add(main.getParent().getParent());
                }
                if (Files.isDirectory(test)) {
                    testDirs.add(test.getParent().getParent());
                }
            }
        }
        assertThat(mainDirs).as("source folders found under %s", root).hasSizeGreaterThan(5);

        Set<String> documentedMain = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        for (Path src : mainDirs) {
            for (Path pkg : packagesWithSources(src)) {
                String name = packageName(src, pkg);
                check(root, pkg, missing, undocumented);
                if (Files.exists(pkg.resolve("package-info.java"))) {
                    documentedMain.add(name);
                }
            }
        }
        for (Path src : testDirs) {
            for (Path pkg : packagesWithSources(src)) {
                if (!documentedMain.contains(packageName(src, pkg))) {
                    check(root, pkg, missing, undocumented);
                }
            }
        }
        assertThat(missing).as("package folders without package-info.java").isEmpty();
        assertThat(undocumented).as("package-info.java without a Javadoc comment before the package line").isEmpty();
    }

    private static void check(Path root, Path pkg, List<String> missing, List<String> undocumented) {
        Path info = pkg.resolve("package-info.java");
        if (!Files.exists(info)) {
            missing.add(root.relativize(pkg).toString());
            return;
        }
        try {
            String text = Files.readString(info);
            int doc = text.indexOf("/**");
            int decl = text.indexOf("package ");
            if (doc < 0 || decl < 0 || doc > decl) {
                undocumented.add(root.relativize(info).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> packagesWithSources(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src.resolve("dev/workstate"))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String packageName(Path src, Path pkg) {
        return src.relativize(pkg).toString().replace('/', '.');
    }
}
