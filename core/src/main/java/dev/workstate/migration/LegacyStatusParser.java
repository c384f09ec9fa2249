package dev.workstate.migration;

import dev.workstate.migration.LegacyStatus.DeploymentEntry;
import dev.workstate.migration.LegacyStatus.EnhancementEntry;
import dev.workstate.migration.LegacyStatus.ParseIssue;
import dev.workstate.migration.LegacyStatus.SessionEntry;
import dev.workstate.migration.LegacyStatus.VendorEntry;
import dev.workstate.migration.LegacyStatus.WorkItemEntry;
import dev.workstate.model.Metadata;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parser of the legacy {@code .project_status.md} in both variants of the reference: the old generator's format
 * ("Operational Vendors (x/y)" with multi-line vendor bullets, "Active Work Items (n)", "Recent Deployments (Last n)",
 * "Future Enhancements (n)" with H3 entries) and the hand-written quickstart format ("Vendors (n total)" one-liners,
 * "Deployments (n total)", one-line enhancements, "Session Prompts (n total)" with YAML front matter).
 *
 * <p>Unlike the old parser, a section ends only at the next H2 heading ({@code "## "} exactly, never at {@code ###}),
 * headings inside fenced code blocks are ignored, vendor entries may span several lines, and a malformed section or
 * entry is reported as a {@link ParseIssue} with its line number while every other entry is still parsed. Parsing never
 * throws for bad content.
 *
 * <p>Stateless; thread-safe.
 */
public final class LegacyStatusParser {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private static final Pattern H2 = Pattern.compile("^## (?!#)(.*)$");
    private static final Pattern H3 = Pattern.compile("^(\\s*)### (?!#)(.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING_COUNT = Pattern.compile(
            "\\(\\s*(?:last\\s+)?(\\d+)(?:\\s*/\\s*(\\d+))?(\\s+total)?\\s*\\)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
    private static final Pattern KEY_VALUE = Pattern.compile("^(?:\\*\\*)?([A-Za-z][A-Za-z _-]*?)(?:\\*\\*)?\\s*:(?:\\*\\*)?\\s*(.*)$");
    private static final Pattern HR = Pattern.compile("^\\s*(?:-{3,}|\\*{3,}|_{3,})\\s*$");
    private static final Pattern FOOTER = Pattern.compile("^\\s*[*_]Generated at .*[*_]\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--.*-->\\s*$");

    private static final Pattern BOLD_NAME = Pattern.compile("^\\*\\*(.+?)\\*\\*\\s*[:\\-–—]?\\s*(.*)$");
    private static final Pattern PLAIN_NAME = Pattern.compile("^([^:()\\[\\]*]+?)\\s*:\\s*(.*)$");
    private static final Pattern STATUS = Pattern.compile("\\b(operational|broken)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TESTS = Pattern.compile(
            "\\(\\s*(\\d+)\\s*/\\s*(\\d+)\\s+tests?(?:\\s+(?:passed|passing))?(?:\\s*,\\s*(\\d+)\\s+skipped)?\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMATS = Pattern.compile("\\[([^\\]]*)\\]");
    private static final Pattern VERSION = Pattern.compile(
            "(?:^|\\s)(?:v|version:?\\s*)(\\d+(?:\\.\\d+)*(?:[-+][0-9A-Za-z.-]+)?)(?=\\s|$|,|\\))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_COMPLIANT = Pattern.compile("\\bnot\\s+manifest[ _-]compliant\\b|\\bmanifest[ _-]compliant\\s*:\\s*(?:false|no)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPLIANT = Pattern.compile("\\bmanifest[ _-]compliant\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern WORK_ITEM_HEADING = Pattern.compile(
            "^(.*?)\\s*\\((project|session|task|research)\\)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEGACY_ID_PREFIX = Pattern.compile("^#?([A-Za-z]{1,3}\\d{1,6})\\s*[:\\-–—]\\s+");
    private static final Pattern LEGACY_REF = Pattern.compile("#?([A-Za-z]{1,3}\\d{1,6})");
    private static final Pattern DEPLOYMENT_HEADING = Pattern.compile("^(.+?)\\s+[-–—]\\s+PR\\s*#(\\d+)\\s*(?:[-–—:]\\s*(.*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHA = Pattern.compile("^`?([0-9a-fA-F]{7,40})`?$");
    private static final Pattern TEST_PAIR = Pattern.compile("^([A-Za-z][A-Za-z0-9 _-]*?)\\s*[:=]\\s*(\\d+)$");
    private static final Pattern TEST_RATIO = Pattern.compile("^(\\d+)\\s*/\\s*(\\d+)(?:\\s+(?:tests?\\s+)?passed)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENHANCEMENT = Pattern.compile(
            "^(.+?)\\s*\\(\\s*Priority\\s*:\\s*([^,)]+?)\\s*(?:,\\s*([^)]*?)\\s*)?\\)\\s*(?:[-–—:]\\s*(.*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUARTER_QY = Pattern.compile("^Q([1-4])\\s*[- /]?\\s*(\\d{4})$", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUARTER_YQ = Pattern.compile("^(\\d{4})\\s*[- /]?\\s*Q([1-4])$", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter SPACE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSS][.SSS]");

    /** Parses the file's text; never throws for malformed content (problems become issues). */
    public LegacyStatus parse(String text) {
        return new Run(text).parse();
    }

    /**
     * Maps a legacy priority (1-5, or a label) to 1-5: critical/urgent/highest 1, high 2, medium/normal 3, low 4,
     * lowest/trivial/minor 5.
     *
     * @return the priority, or null when the text is not understood
     */
    public static Integer priority(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("p?[1-5]")) {
            return Integer.parseInt(t.substring(t.length() - 1));
        }
        return switch (t) {
            case "critical", "urgent", "highest", "blocker" -> 1;
            case "high" -> 2;
            case "medium", "normal", "moderate" -> 3;
            case "low" -> 4;
            case "lowest", "trivial", "minor", "nice to have" -> 5;
            default -> null;
        };
    }

    /** Normalises "Q1 2026", "2026-Q1", "2026 Q1" to {@code 2026-Q1}; null if not a quarter. */
    public static String quarter(String text) {
        String t = text.trim();
        Matcher m = QUARTER_QY.matcher(t);
        if (m.matches()) {
            return m.group(2) + "-Q" + m.group(1);
        }
        m = QUARTER_YQ.matcher(t);
        if (m.matches()) {
            return m.group(1) + "-Q" + m.group(2);
        }
        return null;
    }

    /** Parses the timestamps the old tools wrote (ISO instants with or without offset, "… UTC", dates); null if not. */
    public static Instant instant(String text) {
        String t = text.trim();
        if (t.endsWith(" UTC")) {
            t = t.substring(0, t.length() - 4).trim();
        }
        try {
            return OffsetDateTime.parse(t).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(t).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t, SPACE_TIME).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** One parse of one text; not thread-safe, used once. */
    private static final class Run {
        private final String[] lines;
        private final List<VendorEntry> vendors = new ArrayList<>();
        private final List<WorkItemEntry> workItems = new ArrayList<>();
        private final List<DeploymentEntry> deployments = new ArrayList<>();
        private final List<EnhancementEntry> enhancements = new ArrayList<>();
        private final List<SessionEntry> sessions = new ArrayList<>();
        private final Map<String, Integer> declared = new LinkedHashMap<>();
        private final Map<String, Integer> found = new LinkedHashMap<>();
        private final Map<String, Integer> headingLines = new LinkedHashMap<>();
        private final List<ParseIssue> issues = new ArrayList<>();
        private final Set<String> styles = new LinkedHashSet<>();
        private String title;
        private Instant lastUpdated;

        Run(String text) {
            String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
            this.lines = t.split("\r\n|\r|\n", -1);
        }

        LegacyStatus parse() {
            List<int[]> sections = new ArrayList<>();
            boolean fenced = false;
            int firstH2 = lines.length;
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (FENCE.matcher(l).find()) {
                    fenced = !fenced;
                    continue;
                }
                if (!fenced && H2.matcher(l).matches()) {
                    if (!sections.isEmpty()) {
                        sections.get(sections.size() - 1)[1] = i;
                    }
                    sections.add(new int[] {i, lines.length});
                    firstH2 = Math.min(firstH2, i);
                }
            }
            parseTitle(firstH2);
            for (int[] s : sections) {
                section(s[0], s[1]);
            }
            String variant = styles.isEmpty() ? "unknown" : styles.size() > 1 ? "mixed" : styles.iterator().next();
            for (Map.Entry<String, Integer> d : declared.entrySet()) {
                int seen = found.getOrDefault(d.getKey(), 0);
                if (seen != d.getValue()) {
                    int at = headingLines.getOrDefault(d.getKey(), 0);
                    issues.add(new ParseIssue(at, d.getKey(), ParseIssue.WARNING, "heading declares " + d.getValue() + " entries but " + seen + " were found"));
                }
            }
            issues.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new LegacyStatus(variant, title, lastUpdated, vendors, workItems, deployments, enhancements,
                    sessions, declared, found, issues);
        }

        private void parseTitle(int end) {
            for (int i = 0; i < end; i++) {
                String l = lines[i].trim();
                if (l.startsWith("# ")) {
                    title = l.substring(2).trim();
                    int dash = title.lastIndexOf(" - ");
                    if (dash > 0) {
                        lastUpdated = instant(title.substring(dash + 3));
                    }
                    return;
                }
            }
        }

        private void section(int headingLine, int end) {
            Matcher h = H2.matcher(lines[headingLine]);
            h.matches();
            String heading = h.group(1).trim();
            Matcher c = HEADING_COUNT.matcher(heading);
            Integer count = null;
            boolean totalStyle = false;
            String name = heading;
            if (c.find()) {
                count = Integer.parseInt(c.group(2) != null ? c.group(2) : c.group(1));
                totalStyle = c.group(3) != null;
                name = heading.substring(0, c.start()).trim();
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String kind;
            if (lower.contains("vendor")) {
                kind = LegacyStatus.VENDORS;
            } else if (lower.contains("work item")) {
                kind = LegacyStatus.WORK_ITEMS;
            } else if (lower.contains("deployment")) {
                kind = LegacyStatus.DEPLOYMENTS;
            } else if (lower.contains("enhancement")) {
                kind = LegacyStatus.ENHANCEMENTS;
            } else if (lower.contains("session")) {
                kind = LegacyStatus.SESSIONS;
            } else {
                issues.add(new ParseIssue(headingLine + 1, heading, ParseIssue.WARNING,
                        "unknown section '" + heading + "' ignored"));
                return;
            }
            styles.add(totalStyle || kind.equals(LegacyStatus.SESSIONS) ? "hand_written" : "generated");
            if (count != null) {
                declared.merge(kind, count, Integer::sum);
                headingLines.putIfAbsent(kind, headingLine + 1);
            }
            found.putIfAbsent(kind, 0);
            int from = headingLine + 1;
            try {
                switch (kind) {
                    case LegacyStatus.VENDORS -> vendorSection(from, end);
                    case LegacyStatus.WORK_ITEMS -> workItemSection(from, end);
                    case LegacyStatus.DEPLOYMENTS -> deploymentSection(from, end);
                    case LegacyStatus.ENHANCEMENTS -> enhancementSection(from, end);
                    default -> sessionSection(from, end);
                }
            } catch (RuntimeException e) {
                // A parser defect must not cost the other sections; report it where the section starts.
                issues.add(new ParseIssue(headingLine + 1, kind, ParseIssue.ERROR,
                        "section could not be parsed: " + e.getClass().getSimpleName()));
            }
        }

        private void issue(int index, String section, String severity, String message) {
            issues.add(new ParseIssue(index + 1, section, severity, message));
        }

        private boolean ignorable(String l) {
            return l.isBlank() || FOOTER.matcher(l).matches() || COMMENT.matcher(l).matches();
        }

        private void countEntry(String kind) {
            found.merge(kind, 1, Integer::sum);
        }

        // ---------------------------------------------------------------- vendors

        private void vendorSection(int from, int end) {
            int i = from;
            while (i < end) {
                String l = lines[i];
                if (ignorable(l)) {
                    i++;
                    continue;
                }
                if (HR.matcher(l).matches()) {
                    int close = i + 1;
                    while (close < end && !HR.matcher(lines[close]).matches()) {
                        close++;
                    }
                    if (close < end && close > i + 1) {
                        countEntry(LegacyStatus.VENDORS);
                        issue(i, LegacyStatus.VENDORS, ParseIssue.ERROR,
                                "unexpected YAML block (lines " + (i + 1) + "-" + (close + 1) + ") is not a vendor entry");
                        i = close + 1;
                    } else {
                        i++;
                    }
                    continue;
                }
                int start = i;
                StringBuilder text = new StringBuilder(l.trim());
                i++;
                while (i < end && !lines[i].isBlank() && Character.isWhitespace(lines[i].charAt(0))
                        && !BULLET.matcher(lines[i]).matches()) {
                    text.append(' ').append(lines[i].trim());
                    i++;
                }
                countEntry(LegacyStatus.VENDORS);
                vendor(start, text.toString());
            }
        }

        private void vendor(int line, String text) {
            Matcher b = BULLET.matcher(text);
            String body = b.matches() ? b.group(1).trim() : text;
            String name;
            String rest;
            Matcher m = BOLD_NAME.matcher(body);
            if (m.matches()) {
                name = m.group(1).trim();
                rest = m.group(2);
            } else if ((m = PLAIN_NAME.matcher(body)).matches()) {
                name = m.group(1).trim();
                rest = m.group(2);
            } else {
                issue(line, LegacyStatus.VENDORS, ParseIssue.ERROR, "unrecognised vendor entry (expected a name)");
                return;
            }
            Matcher st = STATUS.matcher(rest);
            if (name.isEmpty() || !st.find()) {
                issue(line, LegacyStatus.VENDORS, ParseIssue.ERROR,
                        "vendor entry '" + clip(name) + "' has no status (operational or broken)");
                return;
            }
            String status = st.group(1).toLowerCase(Locale.ROOT);
            long passing = 0;
            long total = 0;
            Long skipped = null;
            Matcher t = TESTS.matcher(rest);
            if (t.find()) {
                passing = Long.parseLong(t.group(1));
                total = Long.parseLong(t.group(2));
                skipped = t.group(3) == null ? null : Long.parseLong(t.group(3));
            } else {
                issue(line, LegacyStatus.VENDORS, ParseIssue.WARNING,
                        "vendor '" + clip(name) + "' has no test counts '(p/t tests)'; stored as 0/0");
            }
            Set<String> formats = new LinkedHashSet<>();
            Matcher f = FORMATS.matcher(rest);
            if (f.find()) {
                for (String raw : f.group(1).split("[,;/]")) {
                    String fmt = raw.trim().toLowerCase(Locale.ROOT);
                    switch (fmt) {
                        case "" , "none", "-" -> { }
                        case "excel", "xlsx", "xls" -> formats.add("excel");
                        case "csv" -> formats.add("csv");
                        case "pdf" -> formats.add("pdf");
                        case "ocr" -> formats.add("ocr");
                        default -> issue(line, LegacyStatus.VENDORS, ParseIssue.WARNING,
                                "vendor '" + clip(name) + "': unknown format '" + clip(fmt) + "' not kept");
                    }
                }
            }
            String afterTests = t.find(0) ? rest.substring(0, t.start()) + " " + rest.substring(t.end()) : rest;
            Matcher v = VERSION.matcher(FORMATS.matcher(afterTests).replaceAll(" "));
            String version = v.find() ? v.group(1) : null;
            Boolean manifest = NOT_COMPLIANT.matcher(rest).find() ? Boolean.FALSE
                    : COMPLIANT.matcher(rest).find() ? Boolean.TRUE : null;
            vendors.add(new VendorEntry(line + 1, name, status, passing, total, skipped, formats, version, manifest));
        }

        // ---------------------------------------------------------------- H3 blocks

        /** Calls {@code block} for each H3 block; reports stray lines before the first heading. */
        private void h3Blocks(int from, int end, String kind, BlockHandler block) {
            int i = from;
            int heading = -1;
            List<Integer> body = new ArrayList<>();
            boolean fenced = false;
            for (; i <= end; i++) {
                boolean atEnd = i == end;
                Matcher h = atEnd ? null : H3.matcher(lines[i]);
                if (!atEnd && FENCE.matcher(lines[i]).find()) {
                    fenced = !fenced;
                }
                if (atEnd || (!fenced && h.matches())) {
                    if (heading >= 0) {
                        countEntry(kind);
                        block.handle(heading, body);
                    }
                    if (!atEnd) {
                        heading = i;
                        body = new ArrayList<>();
                    }
                    continue;
                }
                if (heading < 0) {
                    String l = lines[i];
                    if (!ignorable(l) && !HR.matcher(l).matches()) {
                        if (kind.equals(LegacyStatus.ENHANCEMENTS) && ENHANCEMENT.matcher(stripBullet(l)).matches()) {
                            countEntry(kind);
                            enhancementLine(i);
                        } else {
                            issue(i, kind, ParseIssue.WARNING, "line outside any entry ignored");
                        }
                    }
                } else {
                    body.add(i);
                }
            }
        }

        private interface BlockHandler {
            void handle(int heading, List<Integer> body);
        }

        /** Bullets of a block as lower-case key → value (with the line index kept for messages). */
        private Map<String, int[]> bullets(List<Integer> body, String kind, boolean reportStray) {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (int idx : body) {
                String l = lines[idx];
                if (ignorable(l) || HR.matcher(l).matches()) {
                    continue;
                }
                Matcher b = BULLET.matcher(l);
                Matcher kv = b.matches() ? KEY_VALUE.matcher(b.group(1).trim()) : null;
                if (kv != null && kv.matches()) {
                    out.put(kv.group(1).trim().toLowerCase(Locale.ROOT).replace('_', ' '), new int[] {idx});
                } else if (reportStray) {
                    issue(idx, kind, ParseIssue.WARNING, "line not understood, ignored");
                }
            }
            return out;
        }

        private String value(Map<String, int[]> bullets, String... keys) {
            for (String k : keys) {
                int[] at = bullets.get(k);
                if (at != null) {
                    Matcher b = BULLET.matcher(lines[at[0]]);
                    b.matches();
                    Matcher kv = KEY_VALUE.matcher(b.group(1).trim());
                    kv.matches();
                    return kv.group(2).trim();
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- work items

        private void workItemSection(int from, int end) {
            h3Blocks(from, end, LegacyStatus.WORK_ITEMS, (heading, body) -> {
                Matcher h = H3.matcher(lines[heading]);
                h.matches();
                int depth = h.group(1).replace("\t", "  ").length() / 2;
                Matcher m = WORK_ITEM_HEADING.matcher(h.group(2).trim());
                if (!m.matches() || m.group(1).isBlank()) {
                    issue(heading, LegacyStatus.WORK_ITEMS, ParseIssue.ERROR,
                            "work item heading must be '<title> (<project|session|task|research>)'");
                    return;
                }
                String itemTitle = m.group(1).trim();
                String type = m.group(2).toLowerCase(Locale.ROOT);
                Map<String, int[]> bl = bullets(body, LegacyStatus.WORK_ITEMS, true);
                String status = workItemStatus(value(bl, "status"));
                if (status == null) {
                    issue(bl.get("status")[0], LegacyStatus.WORK_ITEMS, ParseIssue.WARNING,
                            "unknown status '" + clip(value(bl, "status")) + "'; migrated as active");
                    status = "active";
                }
                String created = value(bl, "created", "created at");
                Instant createdAt = created == null ? null : instant(created);
                String legacyId = value(bl, "id", "legacy id");
                Matcher p = LEGACY_ID_PREFIX.matcher(itemTitle);
                if (legacyId == null && p.find()) {
                    legacyId = p.group(1);
                }
                if (legacyId != null) {
                    legacyId = legacyId.replace("#", "").trim().toUpperCase(Locale.ROOT);
                }
                String parent = value(bl, "parent");
                if (parent != null && parent.equalsIgnoreCase("unknown")) {
                    parent = null;
                }
                String branch = value(bl, "branch");
                if (branch != null) {
                    branch = branch.replace("`", "").trim();
                }
                workItems.add(new WorkItemEntry(heading + 1, itemTitle, type, status, depth, parent,
                        branch == null || branch.isEmpty() ? null : branch, createdAt, legacyId,
                        value(bl, "description")));
            });
        }

        private String workItemStatus(String raw) {
            if (raw == null) {
                return "active";
            }
            return switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "active", "need to be done", "in-progress", "in progress", "todo", "open" -> "active";
                case "completed", "complete", "done" -> "completed";
                case "blocked" -> "blocked";
                default -> null;
            };
        }

        // ---------------------------------------------------------------- deployments

        private void deploymentSection(int from, int end) {
            h3Blocks(from, end, LegacyStatus.DEPLOYMENTS, (heading, body) -> {
                Matcher h = H3.matcher(lines[heading]);
                h.matches();
                Matcher m = DEPLOYMENT_HEADING.matcher(h.group(2).trim());
                if (!m.matches()) {
                    issue(heading, LegacyStatus.DEPLOYMENTS, ParseIssue.ERROR,
                            "deployment heading must be '<timestamp> - PR #<number>'");
                    return;
                }
                Instant at = instant(m.group(1));
                if (at == null) {
                    issue(heading, LegacyStatus.DEPLOYMENTS, ParseIssue.ERROR,
                            "deployment timestamp '" + clip(m.group(1)) + "' is not a date or ISO-8601 instant");
                    return;
                }
                int pr;
                try {
                    pr = Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    issue(heading, LegacyStatus.DEPLOYMENTS, ParseIssue.ERROR, "PR number out of range");
                    return;
                }
                Map<String, int[]> bl = bullets(body, LegacyStatus.DEPLOYMENTS, true);
                String commitText = value(bl, "commit", "commit hash");
                if (commitText == null) {
                    issue(heading, LegacyStatus.DEPLOYMENTS, ParseIssue.ERROR, "deployment PR #" + pr
                            + " has no Commit bullet");
                    return;
                }
                Matcher sha = SHA.matcher(commitText.trim());
                if (!sha.matches()) {
                    issue(bl.get(bl.containsKey("commit") ? "commit" : "commit hash")[0], LegacyStatus.DEPLOYMENTS,
                            ParseIssue.ERROR, "commit '" + clip(commitText) + "' is not a git commit hash");
                    return;
                }
                String commit = sha.group(1).toLowerCase(Locale.ROOT);
                if (commit.length() != 40) {
                    issue(bl.get(bl.containsKey("commit") ? "commit" : "commit hash")[0], LegacyStatus.DEPLOYMENTS,
                            ParseIssue.ERROR, "commit '" + commit + "' is abbreviated; a deployment needs the full"
                                    + " 40-character hash");
                    return;
                }
                String prTitle = value(bl, "title", "pr title");
                if (prTitle == null || prTitle.isBlank()) {
                    prTitle = m.group(3) != null && !m.group(3).isBlank() ? m.group(3).trim() : "PR #" + pr;
                }
                Map<String, Long> tests = new TreeMap<>();
                String testText = value(bl, "tests", "test summary", "test results");
                if (testText != null && !testText.isBlank() && !testText.equalsIgnoreCase("none")) {
                    if (!testSummary(testText, tests)) {
                        issue(bl.get(bl.containsKey("tests") ? "tests" : bl.containsKey("test summary")
                                        ? "test summary" : "test results")[0], LegacyStatus.DEPLOYMENTS,
                                ParseIssue.WARNING, "test summary '" + clip(testText) + "' not understood; not kept");
                        tests.clear();
                    }
                }
                String compliance = value(bl, "constitutional compliance", "compliance");
                boolean compliant = false;
                if (compliance != null) {
                    Boolean c = flag(compliance);
                    if (c == null) {
                        issue(bl.get(bl.containsKey("compliance") ? "compliance" : "constitutional compliance")[0],
                                LegacyStatus.DEPLOYMENTS, ParseIssue.WARNING,
                                "compliance '" + clip(compliance) + "' not understood; stored as false");
                    } else {
                        compliant = c;
                    }
                }
                List<String> vendorNames = new ArrayList<>();
                String vendorText = value(bl, "vendors");
                if (vendorText != null) {
                    for (String v : vendorText.split(",")) {
                        String n = v.replace("**", "").replace("`", "").trim();
                        if (!n.isEmpty() && !n.equalsIgnoreCase("none")) {
                            vendorNames.add(n);
                        }
                    }
                }
                List<String> refs = new ArrayList<>();
                String itemsText = value(bl, "work items", "work item", "items");
                if (itemsText != null) {
                    for (String r : itemsText.split("[,\\s]+")) {
                        String ref = r.trim();
                        if (ref.isEmpty() || ref.equalsIgnoreCase("none")) {
                            continue;
                        }
                        Matcher lr = LEGACY_REF.matcher(ref);
                        if (lr.matches()) {
                            refs.add(lr.group(1).toUpperCase(Locale.ROOT));
                        } else {
                            issue(bl.get(bl.containsKey("work items") ? "work items" : bl.containsKey("work item")
                                            ? "work item" : "items")[0], LegacyStatus.DEPLOYMENTS, ParseIssue.WARNING,
                                    "work item reference '" + clip(ref) + "' not understood; not linked");
                        }
                    }
                }
                deployments.add(new DeploymentEntry(heading + 1, at, pr, prTitle, commit, tests, compliant,
                        vendorNames, refs));
            });
        }

        private boolean testSummary(String text, Map<String, Long> out) {
            Matcher ratio = TEST_RATIO.matcher(text.trim());
            if (ratio.matches()) {
                out.put("passed", Long.parseLong(ratio.group(1)));
                out.put("total", Long.parseLong(ratio.group(2)));
                return true;
            }
            for (String part : text.split(",")) {
                Matcher p = TEST_PAIR.matcher(part.trim());
                if (!p.matches()) {
                    return false;
                }
                out.merge(p.group(1).trim().toLowerCase(Locale.ROOT).replace(' ', '_'), Long.parseLong(p.group(2)),
                        Long::sum);
            }
            return true;
        }

        private Boolean flag(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("✓") || t.startsWith("✔") || t.startsWith("✅") || t.equals("yes") || t.equals("true")
                    || t.equals("pass") || t.equals("passed") || t.equals("compliant")) {
                return true;
            }
            if (t.startsWith("✗") || t.startsWith("✘") || t.startsWith("❌") || t.equals("no") || t.equals("false")
                    || t.equals("fail") || t.equals("failed") || t.equals("non-compliant")) {
                return false;
            }
            return null;
        }

        // ---------------------------------------------------------------- enhancements

        private void enhancementSection(int from, int end) {
            h3Blocks(from, end, LegacyStatus.ENHANCEMENTS, (heading, body) -> {
                Matcher h = H3.matcher(lines[heading]);
                h.matches();
                Matcher m = ENHANCEMENT.matcher(h.group(2).trim());
                if (!m.matches()) {
                    issue(heading, LegacyStatus.ENHANCEMENTS, ParseIssue.ERROR,
                            "enhancement heading must be '<title> (Priority: <1-5|label>)'");
                    return;
                }
                Map<String, int[]> bl = bullets(body, LegacyStatus.ENHANCEMENTS, true);
                String target = value(bl, "target", "target quarter", "quarter");
                if (target == null) {
                    target = m.group(3);
                }
                String description = value(bl, "description");
                if (description == null) {
                    description = m.group(4);
                }
                enhancement(heading, m.group(1), m.group(2), target, description);
            });
        }

        private void enhancementLine(int index) {
            Matcher m = ENHANCEMENT.matcher(stripBullet(lines[index]));
            m.matches();
            enhancement(index, m.group(1), m.group(2), m.group(3), m.group(4));
        }

        private void enhancement(int index, String rawTitle, String rawPriority, String rawQuarter, String description) {
            String t = rawTitle.trim();
            Integer priority = priority(rawPriority);
            if (t.isEmpty() || priority == null) {
                issue(index, LegacyStatus.ENHANCEMENTS, ParseIssue.ERROR, "enhancement '" + clip(t)
                        + "': priority '" + clip(rawPriority) + "' is not 1-5 or critical/high/medium/low/lowest");
                return;
            }
            String q = null;
            if (rawQuarter != null && !rawQuarter.isBlank()) {
                q = quarter(rawQuarter);
                if (q == null) {
                    issue(index, LegacyStatus.ENHANCEMENTS, ParseIssue.WARNING, "enhancement '" + clip(t)
                            + "': target '" + clip(rawQuarter) + "' is not a quarter; not kept");
                }
            }
            String d = description == null || description.isBlank() ? null : description.trim();
            enhancements.add(new EnhancementEntry(index + 1, t, priority, q, d));
        }

        // ---------------------------------------------------------------- sessions

        private void sessionSection(int from, int end) {
            boolean anyHeading = false;
            for (int i = from; i < end; i++) {
                if (H3.matcher(lines[i]).matches()) {
                    anyHeading = true;
                    break;
                }
            }
            if (anyHeading) {
                h3Blocks(from, end, LegacyStatus.SESSIONS, (heading, body) -> {
                    Matcher h = H3.matcher(lines[heading]);
                    h.matches();
                    int k = 0;
                    while (k < body.size() && lines[body.get(k)].isBlank()) {
                        k++;
                    }
                    if (k == body.size() || !lines[body.get(k)].trim().equals("---")) {
                        issue(heading, LegacyStatus.SESSIONS, ParseIssue.ERROR,
                                "session prompt has no YAML front matter ('---' block)");
                        return;
                    }
                    int open = body.get(k);
                    int close = -1;
                    for (int j = k + 1; j < body.size(); j++) {
                        if (lines[body.get(j)].trim().equals("---")) {
                            close = body.get(j);
                            break;
                        }
                    }
                    if (close < 0) {
                        issue(open, LegacyStatus.SESSIONS, ParseIssue.ERROR, "front matter is not closed by '---'");
                        return;
                    }
                    int bodyEnd = body.get(body.size() - 1) + 1;
                    session(h.group(2).trim(), heading, open, close, bodyEnd);
                });
                return;
            }
            int i = from;
            while (i < end) {
                String l = lines[i];
                if (l.trim().equals("---")) {
                    int close = i + 1;
                    while (close < end && !lines[close].trim().equals("---")) {
                        close++;
                    }
                    countEntry(LegacyStatus.SESSIONS);
                    if (close >= end) {
                        issue(i, LegacyStatus.SESSIONS, ParseIssue.ERROR, "front matter is not closed by '---'");
                        return;
                    }
                    int next = close + 1;
                    while (next < end && !lines[next].trim().equals("---")) {
                        next++;
                    }
                    session(null, i, i, close, next);
                    i = next;
                } else {
                    if (!ignorable(l)) {
                        issue(i, LegacyStatus.SESSIONS, ParseIssue.WARNING, "line outside any session prompt ignored");
                    }
                    i++;
                }
            }
        }

        private void session(String heading, int entry, int open, int close, int bodyEnd) {
            StringBuilder yaml = new StringBuilder();
            for (int i = open + 1; i < close; i++) {
                yaml.append(lines[i]).append('\n');
            }
            Map<String, Object> fm;
            try {
                JsonNode node = YAML.readTree(yaml.toString());
                if (node == null || !node.isObject()) {
                    issue(open, LegacyStatus.SESSIONS, ParseIssue.ERROR, "front matter is not a YAML mapping");
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = YAML.convertValue(node, LinkedHashMap.class);
                fm = Metadata.freeze(raw);
            } catch (JacksonException e) {
                TokenStreamLocation loc = e.getLocation();
                int at = loc != null && loc.getLineNr() > 0 ? open + loc.getLineNr() : open;
                issue(at, LegacyStatus.SESSIONS, ParseIssue.ERROR, "malformed YAML front matter: "
                        + firstLine(e.getOriginalMessage()));
                return;
            }
            if (!fm.containsKey("schema_version") || fm.get("schema_version") == null) {
                issue(open, LegacyStatus.SESSIONS, ParseIssue.ERROR, "front matter has no schema_version");
                return;
            }
            Object budget = fm.get("token_budget");
            if (!(budget instanceof Long)) {
                issue(open, LegacyStatus.SESSIONS, ParseIssue.ERROR, budget == null
                        ? "front matter has no token_budget" : "token_budget must be an integer");
                return;
            }
            Object prompts = fm.getOrDefault("prompts_count", 0L);
            if (!(prompts instanceof Long)) {
                issue(open, LegacyStatus.SESSIONS, ParseIssue.ERROR, "prompts_count must be an integer");
                return;
            }
            Object sid = fm.get("session_id");
            String legacyId = sid == null ? null : String.valueOf(sid).replace("#", "").trim().toUpperCase(Locale.ROOT);
            String name = heading;
            if (name == null || name.isBlank()) {
                Object t = fm.get("title");
                name = t != null ? String.valueOf(t) : sid != null ? "Session " + sid : "Session prompt (line "
                        + (open + 1) + ")";
            }
            StringBuilder body = new StringBuilder();
            for (int i = close + 1; i < bodyEnd; i++) {
                body.append(lines[i]).append('\n');
            }
            String text = body.toString().strip();
            sessions.add(new SessionEntry(entry + 1, name.trim(), fm, (Long) budget,
                    (Long) prompts, legacyId, text.isEmpty() ? null : text));
        }
    }

    private static String stripBullet(String l) {
        Matcher b = BULLET.matcher(l);
        return b.matches() ? b.group(1).trim() : l.trim();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private static String firstLine(String s) {
        return clip(JsonProblems.firstLine(s));
    }
}
