package dev.workstate.cli;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.FieldError;
import dev.workstate.error.ValidationException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns every failure into an exit code and one line: picocli parameter errors are usage (2); domain exceptions map
 * through {@link ErrorCode#exitCode()}; anything else is INTERNAL (1) with a generic message and the details logged at
 * debug. With {@code --json} domain errors are printed to stdout as {@code {"error": {code, message, details}}}.
 *
 * <p>Not thread-safe: one per command line.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int USAGE = 2;
    private static final String INTERNAL_MESSAGE =
            "unexpected error (rerun with WORKSTATE_LOG_LEVEL=debug for details)";

    private final WorkstateCli root;

    ErrorHandler(WorkstateCli root) {
        this.root = root;
    }

    /** Looked up when needed, not in a static field: building the command line must not start SLF4J. */
    private static Logger log() {
        EarlyStoreOpen.awaitLogging();
        return LoggerFactory.getLogger(ErrorHandler.class);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String hint = " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
        err.println("error: USAGE " + oneLine(ex.getMessage()) + hint);
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        WorkstateException we = find(ex);
        ErrorCode code;
        String message;
        Map<String, Object> details;
        if (we == null) {
            log().debug("unexpected failure", ex);
            code = ErrorCode.INTERNAL;
            message = INTERNAL_MESSAGE;
            details = Map.of();
        } else if (we.code() == ErrorCode.INTERNAL) {
            log().debug("internal error", we);
            code = ErrorCode.INTERNAL;
            message = INTERNAL_MESSAGE;
            details = Map.of();
        } else {
            log().debug("command failed: {}", we.code(), we);
            code = we.code();
            message = we instanceof ValidationException ve ? fields(ve) : oneLine(we.getMessage());
            details = we.details();
        }
        if (root.json()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code.name());
            body.put("message", code == ErrorCode.INTERNAL ? message : we.getMessage());
            body.put("details", details);
            PrintWriter out = cmd.getOut();
            out.println(writeSafely(Map.of("error", body)));
            out.flush();
        } else {
            PrintWriter err = cmd.getErr();
            err.println("error: " + code.name() + " " + message);
            err.flush();
        }
        return code.exitCode();
    }

    private static String writeSafely(Object value) {
        try {
            return Json.write(value);
        } catch (RuntimeException e) {
            log().debug("error details are not serialisable", e);
            return "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"" + INTERNAL_MESSAGE + "\",\"details\":{}}}";
        }
    }

    /** The domain exception behind {@code ex}, looking through wrappers such as Guice's ProvisionException. */
    static WorkstateException find(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof WorkstateException w) {
                return w;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (ex instanceof com.google.inject.ProvisionException pe) {
            for (com.google.inject.spi.Message m : pe.getErrorMessages()) {
                WorkstateException w = m.getCause() == null ? null : find(m.getCause());
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** Every rejected field on one line: {@code title: must be ...; metadata.token_budget: must be ...}. */
    private static String fields(ValidationException ve) {
        if (ve.errors().isEmpty()) {
            return oneLine(ve.getMessage());
        }
        return ve.errors().stream().map(ErrorHandler::field).collect(Collectors.joining("; "));
    }

    private static String field(FieldError e) {
        return oneLine(e.field() + ": " + e.message());
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
