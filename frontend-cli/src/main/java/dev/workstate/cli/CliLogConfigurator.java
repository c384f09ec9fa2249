package dev.workstate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Configures Logback in code for the CLI (found through {@code META-INF/services}): one console appender on stderr,
 * level WARN unless {@code -Dworkstate.log.level} (or {@code WORKSTATE_LOG_LEVEL}, mapped by the launcher) says
 * otherwise. Replaces XML configuration because Joran costs ~40 ms of every start and prints its status when slow.
 *
 * <p>Thread-safe: called once by Logback during initialisation.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("workstate.log.level", "WARN"), Level.WARN));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code HH:mm:ss.SSS LEVEL [thread] logger - message}, plus the stack trace; no pattern parsing at start-up. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC);

        @Override
        public String doLayout(ILoggingEvent e) {
            StringBuilder sb = new StringBuilder(128);
            sb.append(TIME.format(Instant.ofEpochMilli(e.getTimeStamp()))).append(' ')
                    .append(e.getLevel()).append(" [").append(e.getThreadName()).append("] ")
                    .append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                sb.append(ThrowableProxyUtil.asString(t)).append(CoreConstants.LINE_SEPARATOR);
            }
            return sb.toString();
        }
    }
}
