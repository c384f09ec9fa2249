package dev.workstate.storage.sqlite.internal;

import dev.workstate.storage.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Creates new database files from a per-JVM template: the schema is built once by the Liquibase changelog into a
 * temporary file, and each new store starts as a copy of it. The copy is byte-identical to what Liquibase would have
 * produced in place (change log rows included), but costs a file copy instead of a ~1 s Liquibase run per new store.
 * The copy is published with a hard link, so two processes creating the same file never overwrite each other; when
 * anything here fails the caller simply opens the path and Liquibase runs in place.
 *
 * <p>Thread-safe.
 */
public final class SqliteTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteTemplate.class);
    private static Path template;

    private SqliteTemplate() {
    }

    /** Creates {@code target} from the template unless it already exists; failures are logged and ignored. */
    public static void materialise(Path target) {
        if (Files.exists(target)) {
            return;
        }
        Path tmp = null;
        try {
            Path t = template();
            tmp = Files.createTempFile(target.getParent(), ".workstate-", ".db.tmp");
            Files.copy(t, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                // Another process or thread created it first: use theirs.
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(target)) {
                    Files.move(tmp, target);
                    tmp = null;
                }
            }
        } catch (Exception e) {
            LOG.debug("template copy to {} failed; the schema will be created in place", target.getFileName(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", tmp, e);
                }
            }
        }
    }

    private static synchronized Path template() throws Exception {
        if (template != null && Files.isRegularFile(template)) {
            return template;
        }
        Path dir = Files.createTempDirectory("workstate-schema-");
        dir.toFile().deleteOnExit();
        Path file = dir.resolve("template.db");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        ds.setEnforceForeignKeys(true);
        // A throw-away file: no fsyncs. Not WAL, so the template is one self-contained file; a copy switches to WAL
        // when a store opens it.
        ds.setSynchronous("OFF");
        ds.setJournalMode("MEMORY");
        JdbcStore.migrateSchema(ds, new SqliteDialect(file));
        file.toFile().deleteOnExit();
        template = file;
        return file;
    }
}
