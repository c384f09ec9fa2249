package dev.workstate.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The test JVM's real classpath, also when surefire hides it behind a manifest-only booter jar. */
final class TestClasspath {
    private TestClasspath() {
    }

    static String get() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        String cp = System.getProperty("java.class.path");
        String[] parts = cp.split(File.pathSeparator);
        if (parts.length == 1 && parts[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(parts[0])) {
                Manifest m = jar.getManifest();
                String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    List<String> out = new ArrayList<>();
                    for (String entry : classPath.trim().split("\\s+")) {
                        out.add(Path.of(URI.create(entry)).toString());
                    }
                    return String.join(File.pathSeparator, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cp;
    }
}
