package dev.workstate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of DESIGN.md ("Core never sees JDBC, MyBatis, files-on-disk formats, MCP or picocli types.
 * Adapters never see frontends. Frontends never see an adapter class ... keep {@code *.internal.*} packages private to
 * their module"), checked over the production classes of every module: this module has all of them on its test
 * classpath.
 */
class ArchitectureTest {

    /** Core's packages (workstate-core); every other module lives in a package of its own below dev.workstate. */
    static final String[] CORE = {"dev.workstate", "dev.workstate.model..", "dev.workstate.port..",
        "dev.workstate.service..", "dev.workstate.error..", "dev.workstate.chain..", "dev.workstate.report..",
        "dev.workstate.migration..", "dev.workstate.internal.."};
    static final String ADAPTERS = "dev.workstate.storage..";
    static final String[] FRONTENDS = {"dev.workstate.cli..", "dev.workstate.mcp.."};

    /** Libraries that belong to one adapter or frontend and must never reach core. */
    static final String[] INFRASTRUCTURE = {"java.sql..", "javax.sql..", "org.apache.ibatis..", "org.mybatis..",
        "com.zaxxer.hikari..", "liquibase..", "org.sqlite..", "org.postgresql..", "org.snakeyaml..",
        "org.yaml.snakeyaml..", "org.commonmark..", "io.modelcontextprotocol..", "picocli.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.workstate");
    }

    @Test
    void allModulesAreImported() {
        // Guards against a rule passing vacuously because a module's classes are missing from the classpath.
        List<String> expected = List.of("dev.workstate.Workstate", "dev.workstate.storage.jdbc.JdbcStore",
                "dev.workstate.storage.sqlite.SqliteStorageProvider", "dev.workstate.storage.postgres.PostgresStorageProvider",
                "dev.workstate.storage.markdown.MarkdownStorageProvider", "dev.workstate.cli.WorkstateCli",
                "dev.workstate.testkit.PgTestDatabase");
        for (String name : expected) {
            assertThat(classes.contain(name)).as(name).isTrue();
        }
        assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.workstate.mcp"))).isTrue();
        // ... and because dependencies are not seen at all: the JDBC adapter does use MyBatis.
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("dev.workstate.storage.jdbc"))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.apache.ibatis"))).isTrue();
    }

    @Test
    void coreSeesNoInfrastructureAdapterOrFrontend() {
        rule(noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTERS, "dev.workstate.cli..",
                        "dev.workstate.mcp..", "dev.workstate.testkit..")
                .because("DESIGN.md: core never sees JDBC, MyBatis, files-on-disk formats, MCP or picocli types"));
    }

    @Test
    void adaptersNeverSeeFrontends() {
        rule(noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(FRONTENDS)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "picocli..")
                .because("DESIGN.md: adapters never see frontends"));
    }

    @Test
    void frontendsNeverSeeAnAdapter() {
        rule(noClasses().that().resideInAnyPackage(FRONTENDS)
                .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
                .because("DESIGN.md: frontends find adapters through ServiceLoader (StorageProvider SPI)"));
        rule(noClasses().that().resideInAnyPackage(FRONTENDS)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.ibatis..",
                        "org.mybatis..", "com.zaxxer.hikari..", "liquibase..", "org.sqlite..", "org.postgresql..")
                .because("frontends are thin assemblies over core: storage technology stays in the adapters"));
    }

    @Test
    void frontendsLeaveFileFormatsToTheMarkdownAdapter() {
        // DESIGN.md's module table: frontend-cli may depend on core and picocli, frontend-mcp on core and the MCP SDK.
        // One known exception: the CLI's `history` reads the YAML front matter of the item's markdown file as committed
        // in git (old versions the store no longer has), so it cannot ask the markdown adapter. Narrowed to that class
        // so the format does not spread further into the frontends.
        rule(noClasses().that().resideInAnyPackage(FRONTENDS)
                .and(DescribedPredicate.describe("are not (nested in) dev.workstate.cli.GitFileHistory",
                        (JavaClass c) -> !c.getName().startsWith("dev.workstate.cli.GitFileHistory")))
                .should().dependOnClassesThat().resideInAnyPackage("org.snakeyaml..", "org.yaml.snakeyaml..",
                        "org.commonmark..")
                .because("files-on-disk formats belong to storage-markdown"));
    }

    @Test
    void frontendsAreIndependentOfEachOther() {
        rule(noClasses().that().resideInAPackage("dev.workstate.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.workstate.mcp.."));
        rule(noClasses().that().resideInAPackage("dev.workstate.mcp..")
                .should().dependOnClassesThat().resideInAPackage("dev.workstate.cli.."));
    }

    @Test
    void adaptersShareOnlyThroughStorageJdbc() {
        rule(noClasses().that().resideInAPackage("dev.workstate.storage.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.workstate.storage.postgres..",
                        "dev.workstate.storage.markdown.."));
        rule(noClasses().that().resideInAPackage("dev.workstate.storage.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.workstate.storage.sqlite..",
                        "dev.workstate.storage.markdown.."));
        rule(noClasses().that().resideInAPackage("dev.workstate.storage.markdown..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.workstate.storage.jdbc..",
                        "dev.workstate.storage.sqlite..", "dev.workstate.storage.postgres.."));
        rule(noClasses().that().resideInAPackage("dev.workstate.storage.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.workstate.storage.sqlite..",
                        "dev.workstate.storage.postgres..", "dev.workstate.storage.markdown.."));
    }

    @Test
    void adapterInternalsStayInTheirModule() {
        for (String adapter : List.of("jdbc", "sqlite", "postgres", "markdown")) {
            String module = "dev.workstate.storage." + adapter + "..";
            rule(noClasses().that().resideOutsideOfPackage(module)
                    .should().dependOnClassesThat().resideInAPackage("dev.workstate.storage." + adapter + ".internal..")
                    .because("DESIGN.md: *.internal.* packages are private to their module"));
        }
    }

    @Test
    void frontendInternalsStayInTheirModule() {
        rule(noClasses().that().resideOutsideOfPackage("dev.workstate.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.workstate.cli..internal.."));
        rule(noClasses().that().resideOutsideOfPackage("dev.workstate.mcp..")
                .should().dependOnClassesThat().resideInAPackage("dev.workstate.mcp..internal.."));
    }

    @Test
    void coreServiceImplementationsAreReachedOnlyThroughCore() {
        rule(noClasses().that().resideOutsideOfPackages(CORE)
                .should().dependOnClassesThat().resideInAPackage("dev.workstate.internal.service..")
                .because("service implementations are bound in CoreModule; other modules use the dev.workstate.service "
                        + "interfaces"));
    }

    private static void rule(ArchRule rule) {
        rule.check(classes);
    }
}
