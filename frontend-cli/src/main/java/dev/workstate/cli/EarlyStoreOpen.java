package dev.workstate.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.workstate.CoreModule;
import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Opens an existing local store on a background thread while picocli builds its model and parses the arguments, so
 * that on a cold start the two overlap (on two cores that is most of picocli's share of an {@code item show}).
 *
 * <p>It only acts when it cannot change anything a normal run would not: the command is one that opens the store in
 * the data directory anyway, no help was asked for, no PostgreSQL is configured, and the SQLite file already exists.
 * The command takes the store only if the options picocli parsed name exactly the store that was opened (otherwise
 * the command opens its own as usual); a store that was not taken is closed once the command has ended, after its
 * opening finished, so a migration is never cut short by the process exiting.
 *
 * <p>Thread-safe: the opening runs on its own thread; {@link #take} and {@link #finish} are called by the main thread.
 */
final class EarlyStoreOpen {
    /** Commands that open the configured store whenever they run. */
    private static final Set<String> STORE_COMMANDS = Set.of("item", "history", "vendor", "deploy", "enhancement",
            "config", "status");
    /** Global options that choose the store, as {@link WorkstateCli#flags} names them. */
    private static final Map<String, String> STORE_OPTIONS = Map.of("--data-dir", "data_dir",
            "--database-url", "database_url", "--database-user", "database_user",
            "--database-schema", "database_schema", "--storage", "storage");
    /** Global options with a value that does not choose the store. */
    private static final Set<String> OTHER_VALUE_OPTIONS = Set.of("--by");
    /** The SQLite layer's file in the data directory (a name, so the CLI stays independent of the adapter). */
    private static final String SQLITE_FILE = "workstate.db";

    /** The instance this process started, if any (the CLI runs one command per process). */
    private static volatile EarlyStoreOpen started;

    private final Map<String, String> flags;
    private final CountDownLatch loggingReady = new CountDownLatch(1);
    private final CompletableFuture<Workstate> opened = new CompletableFuture<>();
    private volatile boolean taken;

    private EarlyStoreOpen(Map<String, String> flags) {
        this.flags = Map.copyOf(flags);
    }

    /** Starts opening the store {@code args} will use, or returns null when that is not certain to be harmless. */
    static EarlyStoreOpen start(String[] args, Map<String, String> env) {
        if ("0".equals(env.get("WORKSTATE_EARLY_OPEN"))) {
            return null;
        }
        Map<String, String> flags = new HashMap<>();
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--") || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
            if (!a.startsWith("-")) {
                if (command == null) {
                    command = a;
                }
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String key = STORE_OPTIONS.get(name);
            if (key == null) {
                if (eq < 0 && OTHER_VALUE_OPTIONS.contains(name)) {
                    i++;
                }
                continue;
            }
            String value;
            if (eq > 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            flags.put(key, key.equals("data_dir") ? Path.of(value).toString() : value);
        }
        if (command == null || !STORE_COMMANDS.contains(command)) {
            return null;
        }
        WorkstateConfig config;
        try {
            config = WorkstateConfig.resolve(flags, env);
        } catch (RuntimeException e) {
            return null; // the command reports the bad setting itself
        }
        if (config.databaseUrl() != null || !config.storageOrder().contains("sqlite")
                || !Files.isRegularFile(config.dataDir().resolve(SQLITE_FILE))) {
            return null;
        }
        EarlyStoreOpen early = new EarlyStoreOpen(flags);
        started = early;
        Thread t = new Thread(() -> {
            try {
                // Two halves in parallel: this thread builds the injector (Guice logs nothing through SLF4J while it
                // does), the main thread meanwhile sets up logging, and the store is opened only once logging is
                // ready. SLF4J initialising on one thread while another logs would print a "calls were intercepted
                // and are being replayed" warning on stderr.
                Injector injector = Guice.createInjector(new CoreModule(config));
                early.loggingReady.await();
                early.opened.complete(Workstate.from(injector));
            } catch (Throwable e) { // NOPMD: handed to the command, which reports it as if it had opened the store
                early.opened.completeExceptionally(e);
            }
        }, "workstate-early-open");
        t.setDaemon(true);
        t.start();
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            early.loggingReady.countDown();
        }
        return early;
    }

    /**
     * The early store when the command's own options ({@code flags}, as {@link WorkstateCli#flags} builds them) name
     * the same store, else null. A failure to open is thrown as the command's own opening would have thrown it.
     */
    Workstate take(Map<String, String> commandFlags) {
        if (taken || !flags.equals(commandFlags)) {
            return null;
        }
        taken = true;
        if (!opened.isDone()) {
            warmJson();
        }
        try {
            return opened.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Uses the main thread's wait for the store: the JSON mapper (metadata is read and printed through it) is built and
     * exercised here, in parallel with the opening, instead of after it. Only a warm-up: failures are ignored.
     */
    private static void warmJson() {
        try {
            Json.write(Json.read("{\"warm_up\":[1,2.5,\"x\",true,null]}", Map.class));
        } catch (RuntimeException e) {
            // the command will meet the same failure where it matters
        }
    }

    /**
     * Waits until logging is set up, when an early opening was started (then {@link #start} set it up on the main
     * thread): code calls this before its first log statement or its own store opening, so SLF4J never initialises on
     * two threads at once.
     */
    static void awaitLogging() {
        EarlyStoreOpen early = started;
        if (early == null) {
            return;
        }
        try {
            early.loggingReady.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the command: waits for an untaken store to finish opening, then closes it. */
    void finish() {
        if (taken) {
            return;
        }
        try {
            opened.join().close();
        } catch (RuntimeException e) {
            // Nobody asked for this store: a failure to open or close it is not the command's outcome.
            LoggerFactory.getLogger(EarlyStoreOpen.class).debug("early store not used", e);
        }
    }
}
