package dev.workstate.cli.command;

import dev.workstate.Workstate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code workstate init}: creates the data directory and the store, prints where, and suggests .gitignore lines. It
 * never touches git itself.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "init", description = {"Create the data directory and the store (safe to repeat).",
    "Prints suggested .gitignore lines: the SQLite files (and the markdown lock file and parse cache) are local, "
            + "the markdown/ directory is meant to be committed."})
public final class InitCommand extends BaseCommand {

    /** The .gitignore lines for a data directory shown as {@code shown} (relative to the working directory if inside). */
    static List<String> gitignore(String shown) {
        String prefix = shown.isEmpty() || shown.equals(".") ? "" : shown.replace('\\', '/') + "/";
        // The same lines as the git workflow in README.md and docs/markdown-store.md: everything local to a machine
        // (the database, the markdown layer's journal, lock, parse cache and interrupted temp files), not the records.
        return List.of(prefix + "*.db", prefix + "*.db-*", prefix + "markdown/journal.wal", prefix + "markdown/.lock",
                prefix + "markdown/.records.cache*", prefix + "markdown/**/.*.tmp");
    }

    static String shown(Path dataDir) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.startsWith(cwd) ? cwd.relativize(dir).toString() : dir.toString();
    }

    @Override
    protected int execute() {
        Workstate ws = ws();
        ws.store().ping();
        Path dir = ws.config().dataDir();
        List<String> lines = gitignore(shown(dir));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data_dir", dir.toString());
        List<String> layers = ws.store().status().layers().stream().map(l -> l.name()).toList();
        json.put("layer", ws.store().layer());
        json.put("layers", layers);
        json.put("gitignore", lines);
        emit(json, () -> {
            out().println("Workstate store ready in " + dir + " (layers: " + String.join(", ", layers) + ")");
            out().println();
            out().println("Suggested .gitignore lines (local SQLite files; keep the markdown/ directory in git):");
            for (String l : lines) {
                out().println("  " + l);
            }
        });
        return 0;
    }
}
