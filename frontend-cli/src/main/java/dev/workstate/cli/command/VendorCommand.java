package dev.workstate.cli.command;

import dev.workstate.cli.output.Fields;
import dev.workstate.cli.output.Table;
import dev.workstate.internal.Json;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.Page;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.service.VendorService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstate vendor ...}: vendor extractors and their health (names are case-insensitive).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "vendor", description = "Create, show, list and update vendors (names are case-insensitive).",
        subcommands = {VendorCommand.Create.class, VendorCommand.Show.class, VendorCommand.ListVendors.class,
            VendorCommand.Update.class})
public final class VendorCommand extends GroupCommand {

    static String formats(FormatSupport f) {
        if (f == null) {
            return "";
        }
        List<String> on = new ArrayList<>();
        if (f.excel()) {
            on.add("excel");
        }
        if (f.csv()) {
            on.add("csv");
        }
        if (f.pdf()) {
            on.add("pdf");
        }
        if (f.ocr()) {
            on.add("ocr");
        }
        return on.isEmpty() ? "-" : String.join(",", on);
    }

    static String tests(TestResults t) {
        if (t == null) {
            return "";
        }
        return t.passing() + "/" + t.total() + " (" + t.skipped() + " skipped)";
    }

    static void details(PrintWriter out, Vendor v) {
        new Fields()
                .add("id", v.id())
                .add("name", v.name())
                .add("status", v.status())
                .add("extractor", v.extractorVersion())
                .add("version", v.version())
                .add("tests", v.metadata() == null ? null : tests(v.metadata().testResults()))
                .add("formats", v.metadata() == null ? null : formats(v.metadata().formatSupport()))
                .add("manifest", v.metadata() == null ? null
                        : v.metadata().manifestCompliant() ? "compliant" : "not compliant")
                .add("created", Render.time(v.createdAt()) + " by " + v.createdBy())
                .add("updated", Render.time(v.updatedAt()) + " by " + v.updatedBy())
                .print(out);
    }

    /** {@code vendor create}. */
    @Command(name = "create", description = "Create a vendor (starts broken, version 1, default metadata).")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "1-100 letters, digits, space, - or _.")
        String name;
        @Option(names = "--meta-json", paramLabel = "JSON", description = "Partial metadata merged over the "
                + "defaults, e.g. '{\"format_support\": {\"csv\": true}}'.")
        String metaJson;

        @Override
        protected int execute() {
            Map<String, Object> metadata = metaJson == null ? null : Json.parseObject("metadata", metaJson);
            Vendor v = ws().vendors().create(name, metadata, by());
            emit(v, () -> {
                out().println("created vendor " + v.name() + " " + v.id());
                details(out(), v);
            });
            return 0;
        }
    }

    /** {@code vendor show}. */
    @Command(name = "show", description = "Show a vendor by name (case-insensitive).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        protected int execute() {
            Vendor v = ws().vendors().get(name);
            emit(v, () -> details(out(), v));
            return 0;
        }
    }

    /** {@code vendor list}. */
    @Command(name = "list", description = "List vendors, optionally by status.")
    static final class ListVendors extends BaseCommand {
        @Option(names = "--status", description = "operational | broken")
        String status;
        @Option(names = "--limit", paramLabel = "N", description = "1-100 (default 50).")
        Integer limit;
        @Option(names = "--offset", paramLabel = "N")
        Integer offset;

        @Override
        protected int execute() {
            Page<Vendor> page = ws().vendors().list(status, limit, offset);
            emit(page, () -> {
                Table t = new Table("name", "status", "extractor", "tests", "formats", "v", "id");
                for (Vendor v : page.items()) {
                    t.row(v.name(), v.status(), v.extractorVersion(),
                            v.metadata() == null ? "" : tests(v.metadata().testResults()),
                            v.metadata() == null ? "" : formats(v.metadata().formatSupport()), v.version(), v.id());
                }
                t.print(out());
                out().println(ItemCommand.footer(page));
            });
            return 0;
        }
    }

    /** {@code vendor update}. */
    @Command(name = "update", description = {"Update a vendor's status and/or metadata (merged over the stored).",
        "With --version the change applies only at that version (else exit 5)."})
    static final class Update extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--version", paramLabel = "N", description = "Expected current version (optimistic lock).")
        Long version;
        @Option(names = "--status", description = "operational | broken")
        String status;
        @Option(names = "--meta-json", paramLabel = "JSON", description = "Metadata keys to merge, e.g. "
                + "'{\"test_results\": {\"passing\": 45, \"total\": 50, \"skipped\": 0}}'.")
        String metaJson;

        @Override
        protected int execute() {
            VendorService vendors = ws().vendors();
            Map<String, Object> metadata = metaJson == null ? null : Json.parseObject("metadata", metaJson);
            long expected = version != null ? version : vendors.get(name).version();
            Vendor v = vendors.update(name, expected, status, metadata, by());
            emit(v, () -> {
                out().println("updated vendor " + v.name() + " (version " + v.version() + ")");
                details(out(), v);
            });
            return 0;
        }
    }
}
