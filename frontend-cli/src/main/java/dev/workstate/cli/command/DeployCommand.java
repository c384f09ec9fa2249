package dev.workstate.cli.command;

import dev.workstate.cli.output.Fields;
import dev.workstate.cli.output.Table;
import dev.workstate.error.ValidationException;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.service.DeploymentView;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.VendorService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate deploy ...}: the append-only deployment log.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "deploy", description = "Record, list and show deployments (append-only).",
        subcommands = {DeployCommand.Record.class, DeployCommand.ListDeployments.class, DeployCommand.Show.class})
public final class DeployCommand extends GroupCommand {

    /** Parses {@code unit=150,integration=30} into an ordered map of counts. */
    static Map<String, Object> parseTests(String spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            String p = pair.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw ValidationException.of("test_summary", "expected CATEGORY=COUNT pairs separated by commas; got '"
                        + p + "'");
            }
            String category = p.substring(0, eq).trim();
            String count = p.substring(eq + 1).trim();
            try {
                out.put(category, Long.parseLong(count));
            } catch (NumberFormatException e) {
                throw ValidationException.of("test_summary." + category, "must be an integer; got '" + count + "'");
            }
        }
        return out;
    }

    static String tests(DeploymentMetadata m) {
        if (m == null || m.testSummary().isEmpty()) {
            return "-";
        }
        return m.testSummary().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static String shortCommit(String c) {
        return c == null ? null : c.substring(0, Math.min(7, c.length()));
    }

    /** {@code deploy record}. */
    @Command(name = "record", description = "Record a deployment with its vendors and work items (all or nothing).")
    static final class Record extends BaseCommand {
        @Option(names = "--commit", required = true, paramLabel = "SHA", description = "40 lowercase hex.")
        String commit;
        @Option(names = "--pr", required = true, paramLabel = "N", description = "PR number (at least 1).")
        Integer pr;
        @Option(names = "--title", required = true, description = "PR title, 1-200 characters.")
        String title;
        @Option(names = "--tests", paramLabel = "CAT=N,...", description = "Test counts, e.g. unit=150,integration=30.")
        String tests;
        @Option(names = "--compliant", negatable = true, description = "Constitutional compliance (default false).")
        boolean compliant;
        @Option(names = "--vendor", paramLabel = "NAME", description = "Linked vendor by name (repeatable).")
        List<String> vendors = new ArrayList<>();
        @Option(names = "--item", paramLabel = "ID", description = "Linked work item id (repeatable).")
        List<String> items = new ArrayList<>();
        @Option(names = "--at", paramLabel = "ISO", description = "Deployment time, ISO-8601 (default now).")
        String at;

        @Override
        protected int execute() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("pr_number", pr);
            metadata.put("pr_title", title);
            metadata.put("commit_hash", commit);
            metadata.put("test_summary", parseTests(tests));
            metadata.put("constitutional_compliance", compliant);
            VendorService vs = ws().vendors();
            List<String> vendorIds = new ArrayList<>();
            for (String name : vendors) {
                vendorIds.add(vs.get(name).id().toString());
            }
            Deployment d = ws().deployments().record(new NewDeployment(at == null ? "NOW()" : at, metadata, vendorIds,
                    items, by()));
            emit(d, () -> {
                out().println("recorded deployment " + d.id() + " (PR #" + d.metadata().prNumber() + ", "
                        + shortCommit(d.commitHash()) + ", " + d.vendorIds().size() + " vendors, "
                        + d.workItemIds().size() + " work items)");
            });
            return 0;
        }
    }

    /** {@code deploy list}. */
    @Command(name = "list", description = "List deployments, newest first.")
    static final class ListDeployments extends BaseCommand {
        @Option(names = "--limit", paramLabel = "N", description = "1-100 (default 10).")
        Integer limit;
        @Option(names = "--offset", paramLabel = "N")
        Integer offset;
        @Option(names = "--vendor", paramLabel = "NAME", description = "Only deployments linking this vendor.")
        String vendor;
        @Option(names = "--item", paramLabel = "ID", description = "Only deployments linking this work item.")
        String item;
        @Option(names = "--commit", paramLabel = "SHA", description = "Only deployments of this commit.")
        String commit;

        @Override
        protected int execute() {
            String vendorId = vendor == null ? null : ws().vendors().get(vendor).id().toString();
            Page<Deployment> page = ws().deployments().list(limit, offset, vendorId, item, commit);
            emit(page, () -> {
                Table t = new Table("deployed", "pr", "commit", "tests", "compliant", "vendors", "items", "id",
                        "title");
                for (Deployment d : page.items()) {
                    DeploymentMetadata m = d.metadata();
                    t.row(Render.time(d.deployedAt()), "#" + m.prNumber(), shortCommit(d.commitHash()), tests(m),
                            m.constitutionalCompliance() ? "yes" : "no", d.vendorIds().size(),
                            d.workItemIds().size(), d.id(), m.prTitle());
                }
                t.print(out());
                out().println(ItemCommand.footer(page));
            });
            return 0;
        }
    }

    /** {@code deploy show}. */
    @Command(name = "show", description = "Show a deployment with its linked vendors and work items.")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        protected int execute() {
            DeploymentView v = ws().deployments().get(id);
            emit(v, () -> {
                Deployment d = v.deployment();
                DeploymentMetadata m = d.metadata();
                new Fields()
                        .add("id", d.id())
                        .add("deployed", Render.time(d.deployedAt()))
                        .add("pr", "#" + m.prNumber() + " " + m.prTitle())
                        .add("commit", d.commitHash())
                        .add("tests", tests(m))
                        .add("compliant", m.constitutionalCompliance() ? "yes" : "no")
                        .add("created", Render.time(d.createdAt()) + " by " + d.createdBy())
                        .print(out());
                List<Vendor> vendors = v.vendors() == null ? List.of() : v.vendors();
                out().println("vendors (" + vendors.size() + "):");
                for (Vendor vendor : vendors) {
                    out().println("  " + vendor.name() + "  [" + vendor.status() + "] " + vendor.id());
                }
                List<WorkItemSummary> items = v.workItems() == null ? List.of() : v.workItems();
                out().println("work items (" + items.size() + "):");
                for (WorkItemSummary s : items) {
                    out().println("  " + Render.label(s));
                }
            });
            return 0;
        }
    }
}
