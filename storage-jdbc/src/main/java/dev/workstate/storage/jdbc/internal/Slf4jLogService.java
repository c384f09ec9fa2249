package dev.workstate.storage.jdbc.internal;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Routes Liquibase's own logging (java.util.logging by default, printed to the console) into SLF4J, one level or more down
 * (Liquibase's INFO chatter becomes DEBUG), so a migration is silent unless asked for.
 *
 * <p>Thread-safe.
 */
final class Slf4jLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        org.slf4j.Logger log = LoggerFactory.getLogger("liquibase." + clazz.getSimpleName());
        return new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                int v = level.intValue();
                if (v >= Level.WARNING.intValue()) {
                    // Liquibase reports even routine notes ("analytics disabled") as SEVERE; real failures
                    // surface as exceptions from the update, so nothing here needs WARN.
                    log.info(message, e);
                } else if (v >= Level.INFO.intValue()) {
                    log.debug(message, e);
                } else {
                    log.trace(message, e);
                }
            }
        };
    }
}
