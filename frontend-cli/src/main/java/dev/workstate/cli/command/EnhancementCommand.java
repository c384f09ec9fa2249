package dev.workstate.cli.command;

import dev.workstate.cli.output.Fields;
import dev.workstate.cli.output.Table;
import dev.workstate.model.Enhancement;
import dev.workstate.model.Page;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.EnhancementService;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate enhancement ...}: planned future enhancements.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "enhancement", description = "Add, update and list planned future enhancements.",
        subcommands = {EnhancementCommand.Add.class, EnhancementCommand.Update.class,
            EnhancementCommand.ListEnhancements.class})
public final class EnhancementCommand extends GroupCommand {

    static void details(PrintWriter out, Enhancement e) {
        new Fields()
                .add("id", e.id())
                .add("title", e.title())
                .add("priority", e.priority())
                .add("status", e.status())
                .add("quarter", e.targetQuarter())
                .add("principles", e.constitutionalPrinciples().isEmpty() ? null
                        : String.join(", ", e.constitutionalPrinciples()))
                .add("version", e.version())
                .add("description", e.description())
                .add("created", Render.time(e.createdAt()) + " by " + e.createdBy())
                .add("updated", Render.time(e.updatedAt()) + " by " + e.updatedBy())
                .print(out);
    }

    /** {@code enhancement add}. */
    @Command(name = "add", description = "Add a planned enhancement.")
    static final class Add extends BaseCommand {
        @Option(names = "--title", required = true, description = "1-200 characters.")
        String title;
        @Option(names = "--description")
        String description;
        @Option(names = "--priority", paramLabel = "1-5", description = "1 highest, 5 lowest.")
        Integer priority;
        @Option(names = "--status", description = "planned (default) | approved | implementing | completed")
        String status;
        @Option(names = "--quarter", paramLabel = "YYYY-Qn", description = "Target quarter, e.g. 2026-Q3.")
        String quarter;
        @Option(names = "--principle", paramLabel = "TEXT", description = "Constitutional principle (repeatable).")
        List<String> principles;

        @Override
        protected int execute() {
            Enhancement e = ws().enhancements().save(new EnhancementSave(null, null, title, description, priority,
                    status, quarter, principles, by()));
            emit(e, () -> {
                out().println("added enhancement " + e.id());
                details(out(), e);
            });
            return 0;
        }
    }

    /** {@code enhancement update}. */
    @Command(name = "update", description = {"Change an enhancement; unspecified fields keep their value.",
        "With --version the change applies only at that version (else exit 5)."})
    static final class Update extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;
        @Option(names = "--title")
        String title;
        @Option(names = "--description")
        String description;
        @Option(names = "--priority", paramLabel = "1-5")
        Integer priority;
        @Option(names = "--status", description = "planned | approved | implementing | completed")
        String status;
        @Option(names = "--quarter", paramLabel = "YYYY-Qn")
        String quarter;
        @Option(names = "--principle", paramLabel = "TEXT", description = "Replaces the principles (repeatable).")
        List<String> principles;

        @Override
        protected int execute() {
            EnhancementService es = ws().enhancements();
            long expected = version != null ? version : es.get(id).version();
            Enhancement e = es.save(new EnhancementSave(id, expected, title, description, priority, status, quarter,
                    principles, by()));
            emit(e, () -> {
                out().println("updated enhancement " + e.id() + " (version " + e.version() + ")");
                details(out(), e);
            });
            return 0;
        }
    }

    /** {@code enhancement list}. */
    @Command(name = "list", description = "List enhancements by priority, then target quarter.")
    static final class ListEnhancements extends BaseCommand {
        @Option(names = "--status", description = "planned | approved | implementing | completed")
        String status;
        @Option(names = "--limit", paramLabel = "N")
        Integer limit;
        @Option(names = "--offset", paramLabel = "N")
        Integer offset;

        @Override
        protected int execute() {
            Page<Enhancement> page = ws().enhancements().list(status, limit, offset);
            emit(page, () -> {
                Table t = new Table("priority", "status", "quarter", "v", "id", "title");
                for (Enhancement e : page.items()) {
                    t.row(e.priority(), e.status(), e.targetQuarter(), e.version(), e.id(), e.title());
                }
                t.print(out());
                out().println(ItemCommand.footer(page));
            });
            return 0;
        }
    }
}
