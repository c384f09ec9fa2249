package dev.workstate.cli.tools;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewWorkItem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds a store with {@code count} work items in hierarchies six levels deep (project, session, task and three levels
 * of sub-tasks), for measuring the CLI on a realistic store. Prints one item id per depth, to use with
 * {@code item show}.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.workstate.cli.tools.SeedLargeStore DIR [COUNT] [LAYERS]}.
 */
public final class SeedLargeStore {
    private SeedLargeStore() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 12_000;
        Map<String, String> flags = new HashMap<>();
        flags.put("data_dir", dir.toString());
        if (args.length > 2) {
            flags.put("storage", args[2]);
        }
        long start = System.nanoTime();
        String[] sample = new String[6];
        try (Workstate ws = Workstate.open(WorkstateConfig.resolve(flags, Map.of()))) {
            int made = 0;
            int p = 0;
            while (made < count) {
                WorkItem project = ws.workItems().create(new NewWorkItem("project", "Project " + p, "Seeded project",
                        Map.of("description", "Seeded project " + p), null, null, null, null, null, "seed"));
                made++;
                sample[0] = project.id().toString();
                for (int s = 0; s < 2 && made < count; s++) {
                    WorkItem session = ws.workItems().create(new NewWorkItem("session", "Session " + p + "." + s,
                            null, Map.of("token_budget", 200_000, "prompts_count", s,
                                    "yaml_frontmatter", Map.of("schema_version", "1.0")),
                            project.id().toString(), null, null, null, null, "seed"));
                    made++;
                    sample[1] = session.id().toString();
                    for (int t = 0; t < 3 && made < count; t++) {
                        String parent = session.id().toString();
                        for (int depth = 2; depth <= 5 && made < count; depth++) {
                            WorkItem task = ws.workItems().create(new NewWorkItem(depth == 2 ? "task" : "research",
                                    "Item " + p + "." + s + "." + t + " depth " + depth, "Seeded work at depth " + depth,
                                    depth == 2 ? Map.of("estimated_hours", 2.5) : Map.of(
                                            "research_questions", List.of("q" + depth)),
                                    parent, null, null, null, null, "seed"));
                            made++;
                            sample[depth] = task.id().toString();
                            parent = task.id().toString();
                        }
                    }
                }
                p++;
            }
            System.out.printf("seeded %d items in %d projects in %.1f s%n", made, p,
                    (System.nanoTime() - start) / 1e9);
        }
        for (int d = 0; d < sample.length; d++) {
            System.out.println("depth " + d + " " + sample[d]);
        }
    }
}
