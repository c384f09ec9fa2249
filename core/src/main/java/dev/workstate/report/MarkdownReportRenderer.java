package dev.workstate.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders a {@link StatusReport} as markdown in the layout of the reference's generator (reference §5.1), plus the
 * Future Enhancements section: title, Operational Vendors (x/y), Active Work Items (n) as an indented tree, Recent
 * Deployments (Last n), Future Enhancements (n), a rule and the "Generated at" footer. Lines end with {@code \n};
 * line breaks inside user text are flattened to spaces so the layout cannot be broken by data.
 *
 * <p>Stateless; thread-safe.
 */
public final class MarkdownReportRenderer {
    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029\\u0085]+");

    /** Renders the report; the output ends with a newline. */
    public String render(StatusReport r) {
        StringBuilder out = new StringBuilder(256 + r.activeWorkItems().totalCount() * 160);
        String stamp = iso(r.generatedAt());
        out.append("# Project Status - ").append(stamp).append("\n\n");

        StatusReport.VendorHealth h = r.vendorHealth();
        out.append("## Operational Vendors (").append(h.operationalCount()).append('/').append(h.totalVendors())
                .append(")\n\n");
        for (StatusReport.VendorEntry v : r.vendors()) {
            out.append("- **").append(line(v.name())).append("**: ").append(v.status().wire()).append('\n');
            out.append("  (").append(v.testsPassing()).append('/').append(v.testsTotal()).append(" tests)\n");
            out.append("  [").append(v.formats().isEmpty() ? "none" : String.join(", ", v.formats())).append("]\n");
        }
        if (!r.vendors().isEmpty()) {
            out.append('\n');
        }

        StatusReport.WorkItemSection w = r.activeWorkItems();
        out.append("## Active Work Items (").append(w.totalCount()).append(")\n\n");
        for (StatusReport.WorkItemEntry item : w.items()) {
            String indent = "  ".repeat(Math.max(0, item.depth()));
            out.append(indent).append("### ").append(line(item.title())).append(" (").append(item.itemType().wire())
                    .append(")\n");
            out.append(indent).append("- **Status**: ").append(item.status().wire()).append('\n');
            out.append(indent).append("- **Created**: ").append(human(item.createdAt())).append('\n');
            if (item.branchName() != null) {
                out.append(indent).append("- **Branch**: ").append(line(item.branchName())).append('\n');
            }
            if (item.parentId() != null) {
                out.append(indent).append("- **Parent**: ").append(line(item.parentTitle())).append('\n');
            }
            out.append('\n');
        }

        List<StatusReport.DeploymentEntry> deployments = r.recentDeployments();
        out.append("## Recent Deployments (Last ").append(deployments.size()).append(")\n\n");
        for (StatusReport.DeploymentEntry d : deployments) {
            out.append("### ").append(human(d.deployedAt())).append(" - PR #").append(d.prNumber()).append('\n');
            out.append("- **Title**: ").append(line(d.prTitle())).append('\n');
            out.append("- **Commit**: `").append(d.commitHash(), 0, Math.min(7, d.commitHash().length()))
                    .append("`\n");
            out.append("- **Tests**: ").append(tests(d.testSummary())).append('\n');
            out.append("- **Constitutional Compliance**: ").append(d.constitutionalCompliance() ? "✓" : "✗")
                    .append('\n');
            if (!d.vendors().isEmpty()) {
                out.append("- **Vendors**: ").append(line(String.join(", ", d.vendors()))).append('\n');
            }
            out.append('\n');
        }

        List<StatusReport.EnhancementEntry> enhancements = r.pendingEnhancements();
        out.append("## Future Enhancements (").append(enhancements.size()).append(")\n\n");
        for (StatusReport.EnhancementEntry e : enhancements) {
            out.append("### ").append(line(e.title())).append('\n');
            out.append("- **Priority**: ").append(e.priority()).append('\n');
            if (e.targetQuarter() != null) {
                out.append("- **Target Quarter**: ").append(e.targetQuarter()).append('\n');
            }
            out.append("- **Status**: ").append(e.status().wire()).append('\n');
            out.append('\n');
        }

        out.append("---\n");
        out.append("*Generated at ").append(stamp).append("*\n");
        return out.toString();
    }

    /** The ISO-8601 form used in the title and footer, e.g. {@code 2025-01-31T12:00:00Z}. */
    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** {@code yyyy-MM-dd HH:mm:ss UTC}; by hand because it runs once per item and a formatter is ~10x slower. */
    static String human(Instant t) {
        if (t == null) {
            return "unknown";
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return HUMAN.format(t);
        }
        char[] c = new char[23];
        put4(c, 0, year);
        c[4] = '-';
        put2(c, 5, d.getMonthValue());
        c[7] = '-';
        put2(c, 8, d.getDayOfMonth());
        c[10] = ' ';
        put2(c, 11, d.getHour());
        c[13] = ':';
        put2(c, 14, d.getMinute());
        c[16] = ':';
        put2(c, 17, d.getSecond());
        c[19] = ' ';
        c[20] = 'U';
        c[21] = 'T';
        c[22] = 'C';
        return new String(c);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        put2(c, at, v / 100);
        put2(c, at + 2, v % 100);
    }

    private static String tests(Map<String, Long> summary) {
        if (summary.isEmpty()) {
            return "none";
        }
        return summary.entrySet().stream().map(e -> line(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** User text on one line: CR/LF (and other line separators) become spaces. */
    private static String line(String s) {
        if (s == null) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return LINE_BREAKS.matcher(s).replaceAll(" ");
            }
        }
        return s;
    }
}
