package dev.workstate.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.migration.LegacyStatus.ParseIssue;
import dev.workstate.migration.LegacyStatus.VendorEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LegacyStatusParserTest {
    private final LegacyStatusParser parser = new LegacyStatusParser();

    @Test
    void sectionsEndOnlyAtH2NotAtH3() {
        LegacyStatus s = parser.parse("""
                # Project Status - 2025-10-10T12:00:00+00:00

                ## Active Work Items (2)

                ### Parent project (project)
                - Status: active

                  ### Child task (task)
                  - Status: completed
                  - Parent: Parent project

                ## Recent Deployments (Last 1)

                ### 2025-10-01T10:00:00+00:00 - PR #5
                - Title: First
                - Commit: `0123456789abcdef0123456789abcdef01234567`
                - Tests: unit: 150, integration: 30
                - Constitutional Compliance: ✗
                - Vendors: a, b
                """);
        assertThat(s.issues()).isEmpty();
        assertThat(s.variant()).isEqualTo("generated");
        assertThat(s.lastUpdated()).isEqualTo(Instant.parse("2025-10-10T12:00:00Z"));
        assertThat(s.workItems()).extracting(LegacyStatus.WorkItemEntry::title)
                .containsExactly("Parent project", "Child task");
        assertThat(s.workItems().get(1).depth()).isEqualTo(1);
        assertThat(s.workItems().get(1).status()).isEqualTo("completed");
        assertThat(s.workItems().get(1).parentTitle()).isEqualTo("Parent project");
        assertThat(s.deployments()).hasSize(1);
        LegacyStatus.DeploymentEntry d = s.deployments().get(0);
        assertThat(d.prNumber()).isEqualTo(5);
        assertThat(d.prTitle()).isEqualTo("First");
        assertThat(d.testSummary()).isEqualTo(Map.of("unit", 150L, "integration", 30L));
        assertThat(d.constitutionalCompliance()).isFalse();
        assertThat(d.vendorNames()).containsExactly("a", "b");
        assertThat(d.line()).isEqualTo(14);
    }

    @Test
    void multiLineGeneratedVendorsAndOneLineHandWrittenVendors() {
        LegacyStatus s = parser.parse("""
                ## Operational Vendors (1/2)
                - **vendor_abc**: operational
                  (45/50 tests)
                  [excel, csv]
                - **vendor_x**: broken
                  (0/3 tests)
                  [none]

                ## Vendors (1 total)
                - vendor_1: operational (10/12 tests passed, 2 skipped) [Excel, CSV] v1.2.3 manifest compliant
                """);
        assertThat(s.issues()).isEmpty();
        assertThat(s.variant()).isEqualTo("mixed");
        assertThat(s.vendors()).containsExactly(
                new VendorEntry(2, "vendor_abc", "operational", 45, 50, null, Set.of("excel", "csv"), null, null),
                new VendorEntry(5, "vendor_x", "broken", 0, 3, null, Set.of(), null, null),
                new VendorEntry(10, "vendor_1", "operational", 10, 12, 2L, Set.of("excel", "csv"), "1.2.3", true));
    }

    @Test
    void malformedEntriesAreReportedWithLineNumbersAndOthersStillParsed() {
        LegacyStatus s = parser.parse("""
                # Project Status - 2025-10-10
                ## Vendors (3 total)
                - vendor_good: operational (10/12 tests passed, 2 skipped) [Excel] v1.0.0
                ---
                vendor_bad: {status: operational, tests: [10, 12
                ---
                - vendor_nostatus: (3/4 tests passed)
                ## Session Prompts (2 total)
                ### Broken
                ---
                schema_version: "1.0"
                token_budget: [unclosed
                ---
                ### Good
                ---
                schema_version: "1.0"
                session_id: S2
                token_budget: 100000
                prompts_count: 2
                ---
                Body text.
                ## Future Enhancements (2 total)
                - Enhancement A (Priority: High, Q1 2026)
                - Enhancement B (Priority: Whenever, Q1 2026)
                """);
        assertThat(s.vendors()).extracting(VendorEntry::name).containsExactly("vendor_good");
        assertThat(s.sessions()).hasSize(1);
        assertThat(s.sessions().get(0).title()).isEqualTo("Good");
        assertThat(s.sessions().get(0).legacyId()).isEqualTo("S2");
        assertThat(s.sessions().get(0).body()).isEqualTo("Body text.");
        assertThat(s.sessions().get(0).frontmatter()).containsEntry("schema_version", "1.0");
        assertThat(s.enhancements()).hasSize(1);
        assertThat(s.enhancements().get(0).priority()).isEqualTo(2);
        assertThat(s.enhancements().get(0).targetQuarter()).isEqualTo("2026-Q1");
        assertThat(s.issues()).extracting(ParseIssue::line).contains(4, 7, 24);
        assertThat(s.issues()).anySatisfy(i -> {
            assertThat(i.section()).isEqualTo("sessions");
            assertThat(i.message()).contains("malformed YAML");
            assertThat(i.line()).isBetween(10, 13);
        });
        assertThat(s.entriesFound()).containsEntry("vendors", 3).containsEntry("sessions", 2);
    }

    @Test
    void abbreviatedCommitAndBadHeadingsAreErrorsNotCrashes() {
        LegacyStatus s = parser.parse("""
                ## Deployments (3 total)
                ### 2025-10-01 - PR #1
                - Commit: abc1234
                ### not a deployment heading
                - Commit: 0123456789abcdef0123456789abcdef01234567
                ### 2025-10-03 - PR #3
                - Commit: 0123456789ABCDEF0123456789abcdef01234567
                - Work Items: #T001, #T002
                """);
        assertThat(s.deployments()).hasSize(1);
        assertThat(s.deployments().get(0).commitHash()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(s.deployments().get(0).workItemRefs()).containsExactly("T001", "T002");
        assertThat(s.deployments().get(0).prTitle()).isEqualTo("PR #3");
        assertThat(s.issues()).extracting(ParseIssue::line).containsExactly(3, 4);
        assertThat(s.issues()).allMatch(i -> i.severity().equals(ParseIssue.ERROR));
    }

    @Test
    void headingsInsideCodeFencesDoNotSplitSections() {
        LegacyStatus s = parser.parse("""
                ## Session Prompts (1 total)
                ### Session one
                ---
                schema_version: 1
                token_budget: 5000
                ---
                ```
                ## not a section
                ```
                """);
        assertThat(s.sessions()).hasSize(1);
        assertThat(s.sessions().get(0).body()).contains("## not a section");
        assertThat(s.sessions().get(0).promptsCount()).isZero();
        assertThat(s.issues()).isEmpty();
    }

    @Test
    void prioritiesQuartersAndInstants() {
        assertThat(List.of("critical", "High", "medium", "LOW", "lowest", "3", "P1"))
                .map(LegacyStatusParser::priority).containsExactly(1, 2, 3, 4, 5, 3, 1);
        assertThat(LegacyStatusParser.priority("soon")).isNull();
        assertThat(LegacyStatusParser.quarter("Q1 2026")).isEqualTo("2026-Q1");
        assertThat(LegacyStatusParser.quarter("2026-Q4")).isEqualTo("2026-Q4");
        assertThat(LegacyStatusParser.quarter("Q5 2026")).isNull();
        assertThat(LegacyStatusParser.instant("2025-10-01")).isEqualTo(Instant.parse("2025-10-01T00:00:00Z"));
        assertThat(LegacyStatusParser.instant("2025-10-01 09:30:00 UTC")).isEqualTo(Instant.parse("2025-10-01T09:30:00Z"));
        assertThat(LegacyStatusParser.instant("2025-10-01T09:30:00.123456+02:00"))
                .isEqualTo(Instant.parse("2025-10-01T07:30:00.123Z"));
        assertThat(LegacyStatusParser.instant("yesterday")).isNull();
    }

    @Test
    void declaredCountMismatchIsAWarningAtTheHeading() {
        LegacyStatus s = parser.parse("""
                # Project Status - 2025-10-10

                ## Vendors (3 total)
                - vendor_1: broken (0/1 tests passed) [PDF]
                """);
        assertThat(s.vendors()).hasSize(1);
        assertThat(s.issues()).containsExactly(new ParseIssue(3, "vendors", ParseIssue.WARNING,
                "heading declares 3 entries but 1 were found"));
        assertThat(s.declaredCounts()).containsEntry("vendors", 3);
        assertThat(s.variant()).isEqualTo("hand_written");
    }

    @Test
    void emptyAndGarbageInputNeverThrow() {
        assertThat(parser.parse("").variant()).isEqualTo("unknown");
        LegacyStatus s = parser.parse("## Random\nstuff\n## Vendors\n* \n**\n- **: \n");
        assertThat(s.vendors()).isEmpty();
        assertThat(s.issues()).isNotEmpty();
    }
}
