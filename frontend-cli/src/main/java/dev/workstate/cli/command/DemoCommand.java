package dev.workstate.cli.command;

import dev.workstate.Workstate;
import dev.workstate.model.ItemType;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemService;
import dev.workstate.service.WorkItemView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code workstate demo}: the quick-start job. Creates a small sample hierarchy (a project, a session under it, two
 * tasks with a dependency, a research item) and prints it as a tree.
 *
 * <p>Where: without {@code --data-dir} or {@code WORKSTATE_HOME} it uses a fresh temporary directory (printed, and kept
 * so it can be explored), so trying the demo never writes into the current project. With a data directory it is
 * idempotent: when the demo project already exists there it only prints it.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "demo", description = {"Create a small sample hierarchy and print it as a tree.",
    "Without --data-dir / WORKSTATE_HOME it uses a fresh temporary directory; with one it is idempotent."})
public final class DemoCommand extends BaseCommand {
    static final String PROJECT_TITLE = "Demo: Semantic code search";

    @Override
    protected int execute() {
        Workstate ws;
        if (cli().dataDirGiven()) {
            ws = ws();
        } else {
            try {
                ws = cli().workstate(Files.createTempDirectory("workstate-demo-"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
        }
        WorkItemService items = ws.workItems();
        String by = by();
        WorkItem project = findDemoProject(items);
        boolean created = project == null;
        if (created) {
            project = items.create(new NewWorkItem("project", PROJECT_TITLE,
                    "A sample project created by 'workstate demo'.",
                    Map.of("description", "Find code by meaning, not by name",
                            "target_quarter", "2026-Q1", "constitutional_principles", List.of("Simplicity")),
                    null, null, null, null, null, by));
            String pid = project.id().toString();
            WorkItem session = items.create(new NewWorkItem("session", "Implementation session 1", null,
                    Map.of("token_budget", 200_000, "prompts_count", 0,
                            "yaml_frontmatter", Map.of("schema_version", "1.0", "mode", "implement")),
                    pid, null, "feature/semantic-search", null, null, by));
            String sid = session.id().toString();
            WorkItem parse = items.create(new NewWorkItem("task", "Implement tree-sitter parsing", null,
                    Map.of("estimated_hours", 6.0), sid, null, null, null, null, by));
            WorkItem tests = items.create(new NewWorkItem("task", "Write parser unit tests", null,
                    Map.of("estimated_hours", 3.0), sid, null, null, null, null, by));
            items.create(new NewWorkItem("research", "Compare embedding models", null,
                    Map.of("research_questions", List.of("Which model ranks code best?")), pid, null, null, null,
                    null, by));
            items.link(tests.id().toString(), parse.id().toString(), "depends_on", by, false);
        }
        WorkItemView view = items.query(project.id().toString(), true, true, null, false);
        List<WorkItemSummary> all = new ArrayList<>();
        all.add(WorkItemSummary.of(view.item()));
        all.addAll(view.descendants());
        Set<String> ids = all.stream().map(s -> s.id().toString()).collect(Collectors.toSet());
        List<WorkItemSummary> ready = readyAmong(items, ids, all);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data_dir", ws.config().dataDir().toString());
        json.put("created", created);
        json.put("project", view);
        json.put("ready", ready);
        emit(json, () -> {
            out().println((created ? "Created the demo hierarchy in " : "The demo hierarchy already exists in ")
                    + ws.config().dataDir());
            out().println();
            Render.subtree(out(), WorkItemSummary.of(view.item()), view.descendants());
            out().println();
            out().println("Ready to work on (nothing they wait for is open):");
            for (WorkItemSummary s : ready) {
                out().println("  " + s.title() + "  " + s.id());
            }
            out().println();
            out().println("Explore it: workstate --data-dir " + ws.config().dataDir() + " item tree");
        });
        return 0;
    }

    private static WorkItem findDemoProject(WorkItemService items) {
        int offset = 0;
        while (true) {
            Page<WorkItem> roots = items.list(new WorkItemQuery(ItemType.PROJECT.wire(), null, null, true, false, null,
                    false, false, 100, offset, null));
            for (WorkItem w : roots.items()) {
                if (w.title().equals(PROJECT_TITLE)) {
                    return w;
                }
            }
            if (!roots.hasMore() || roots.items().isEmpty()) {
                return null;
            }
            offset += roots.items().size();
        }
    }

    /** The demo's items that are ready, in tree order. */
    private static List<WorkItemSummary> readyAmong(WorkItemService items, Set<String> ids, List<WorkItemSummary> all) {
        Set<String> ready = new java.util.HashSet<>();
        int offset = 0;
        while (true) {
            Page<WorkItem> page = items.list(new WorkItemQuery(null, null, null, false, true, null, false, false, 100,
                    offset, null));
            for (WorkItem w : page.items()) {
                if (ids.contains(w.id().toString())) {
                    ready.add(w.id().toString());
                }
            }
            if (!page.hasMore() || page.items().isEmpty() || ready.size() == ids.size()) {
                break;
            }
            offset += page.items().size();
        }
        return all.stream().filter(s -> ready.contains(s.id().toString())).toList();
    }
}
