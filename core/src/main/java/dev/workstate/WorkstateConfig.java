package dev.workstate;

import dev.workstate.error.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything needed to open a Workstate store: the data directory, the optional PostgreSQL connection, the layer
 * order and the default client id. Resolved with the precedence flags &gt; environment &gt;
 * {@code <data-dir>/config.properties} &gt; defaults (SPEC §6).
 *
 * <p>Immutable; thread-safe. Its {@link #toString()} never prints the password.
 */
public final class WorkstateConfig {
    public static final String DEFAULT_CLIENT = "claude-code";
    public static final List<String> DEFAULT_ORDER = List.of("postgres", "sqlite", "markdown");

    private final Path dataDir;
    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String databaseSchema;
    private final List<String> storageOrder;
    private final String client;
    private final Duration connectTimeout;
    private final Duration statementTimeout;
    private final int poolSize;
    private final Map<String, String> extra;

    private WorkstateConfig(Builder b) {
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir").toAbsolutePath().normalize();
        this.databaseUrl = blankToNull(b.databaseUrl);
        this.databaseUser = blankToNull(b.databaseUser);
        this.databasePassword = b.databasePassword;
        this.databaseSchema = blankToNull(b.databaseSchema);
        this.storageOrder = List.copyOf(b.storageOrder);
        this.client = b.client;
        this.connectTimeout = b.connectTimeout;
        this.statementTimeout = b.statementTimeout;
        this.poolSize = b.poolSize;
        this.extra = Map.copyOf(b.extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A config for an embedded store in {@code dataDir} with all defaults. */
    public static WorkstateConfig forDirectory(Path dataDir) {
        return builder().dataDir(dataDir).build();
    }

    /**
     * Resolves a configuration from command-line flags, the environment and the data directory's
     * {@code config.properties}. Keys of {@code flags} are the property names below; keys of {@code env} are the
     * {@code WORKSTATE_*} variables.
     *
     * <p>Property names: {@code data_dir}, {@code database_url}, {@code database_user}, {@code database_password},
     * {@code database_schema}, {@code storage}, {@code client}, {@code connect_timeout_ms},
     * {@code statement_timeout_ms}, {@code pool_size}.
     *
     * @throws ValidationException naming the setting when a value is bad
     */
    public static WorkstateConfig resolve(Map<String, String> flags, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String dir = firstNonBlank(flags.get("data_dir"), env.get("WORKSTATE_HOME"), ".workstate");
        Path dataDir = Path.of(dir);
        Path file = dataDir.resolve("config.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw ValidationException.of("config.properties", "cannot be read: " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> merged.put(k.trim(), p.getProperty(k).trim()));
        }
        String[][] envNames = {
            {"WORKSTATE_DATABASE_URL", "database_url"}, {"WORKSTATE_DATABASE_USER", "database_user"},
            {"WORKSTATE_DATABASE_PASSWORD", "database_password"}, {"WORKSTATE_DATABASE_SCHEMA", "database_schema"},
            {"WORKSTATE_STORAGE", "storage"}, {"WORKSTATE_CLIENT", "client"},
            {"WORKSTATE_CONNECT_TIMEOUT_MS", "connect_timeout_ms"},
            {"WORKSTATE_STATEMENT_TIMEOUT_MS", "statement_timeout_ms"}, {"WORKSTATE_POOL_SIZE", "pool_size"}};
        for (String[] pair : envNames) {
            String v = env.get(pair[0]);
            if (v != null && !v.isBlank()) {
                merged.put(pair[1], v.trim());
            }
        }
        flags.forEach((k, v) -> {
            if (v != null && !k.equals("data_dir")) {
                merged.put(k, v);
            }
        });
        Builder b = builder().dataDir(dataDir);
        b.databaseUrl(merged.get("database_url"));
        b.databaseUser(merged.get("database_user"));
        b.databasePassword(merged.get("database_password"));
        b.databaseSchema(merged.get("database_schema"));
        if (merged.containsKey("storage")) {
            b.storageOrder(parseOrder(merged.get("storage")));
        }
        if (merged.containsKey("client")) {
            b.client(merged.get("client"));
        }
        if (merged.containsKey("connect_timeout_ms")) {
            b.connectTimeout(Duration.ofMillis(parsePositive("connect_timeout_ms", merged.get("connect_timeout_ms"))));
        }
        if (merged.containsKey("statement_timeout_ms")) {
            b.statementTimeout(
                    Duration.ofMillis(parsePositive("statement_timeout_ms", merged.get("statement_timeout_ms"))));
        }
        if (merged.containsKey("pool_size")) {
            b.poolSize((int) parsePositive("pool_size", merged.get("pool_size")));
        }
        merged.forEach((k, v) -> {
            if (k.startsWith("x.")) {
                b.extra(k, v);
            }
        });
        return b.build();
    }

    private static List<String> parseOrder(String value) {
        List<String> order = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (order.isEmpty() || !DEFAULT_ORDER.containsAll(order) || order.stream().distinct().count() != order.size()) {
            throw ValidationException.of("WORKSTATE_STORAGE",
                    "must be a comma-separated list of distinct layers from postgres, sqlite, markdown; got '" + value
                            + "'");
        }
        return order;
    }

    private static long parsePositive(String name, String value) {
        try {
            long v = Long.parseLong(value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ValidationException.of(name, "must be a positive integer; got '" + value + "'");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    /** Optional PostgreSQL schema, so several projects can share one database. */
    public String databaseSchema() {
        return databaseSchema;
    }

    /** Layer names in fallback order; layers that are not enabled (postgres without URL) are skipped. */
    public List<String> storageOrder() {
        return storageOrder;
    }

    /** Default {@code created_by}/{@code updated_by} when a caller gives none. */
    public String client() {
        return client;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    public int poolSize() {
        return poolSize;
    }

    /** Adapter-specific settings given as {@code x.*} properties. */
    public Map<String, String> extra() {
        return extra;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.databaseUrl = databaseUrl;
        b.databaseUser = databaseUser;
        b.databasePassword = databasePassword;
        b.databaseSchema = databaseSchema;
        b.storageOrder = storageOrder;
        b.client = client;
        b.connectTimeout = connectTimeout;
        b.statementTimeout = statementTimeout;
        b.poolSize = poolSize;
        b.extra.putAll(extra);
        return b;
    }

    @Override
    public String toString() {
        return "WorkstateConfig{dataDir=" + dataDir + ", databaseUrl=" + databaseUrl + ", user=" + databaseUser
                + ", password=" + (databasePassword == null ? "none" : "****") + ", order=" + storageOrder
                + ", client=" + client + "}";
    }

    /** Builder for {@link WorkstateConfig}; not thread-safe. */
    public static final class Builder {
        private Path dataDir = Path.of(".workstate");
        private String databaseUrl;
        private String databaseUser;
        private String databasePassword;
        private String databaseSchema;
        private List<String> storageOrder = DEFAULT_ORDER;
        private String client = DEFAULT_CLIENT;
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration statementTimeout = Duration.ofSeconds(30);
        private int poolSize = 8;
        private final Map<String, String> extra = new HashMap<>();

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder databaseUrl(String v) { databaseUrl = v; return this; }
        public Builder databaseUser(String v) { databaseUser = v; return this; }
        public Builder databasePassword(String v) { databasePassword = v; return this; }
        public Builder databaseSchema(String v) { databaseSchema = v; return this; }
        public Builder storageOrder(List<String> v) { storageOrder = List.copyOf(v); return this; }
        public Builder client(String v) {
            if (v == null || v.isBlank() || v.length() > 100) {
                throw ValidationException.of("WORKSTATE_CLIENT", "must be 1-100 characters");
            }
            client = v;
            return this;
        }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder statementTimeout(Duration v) { statementTimeout = v; return this; }
        public Builder poolSize(int v) { poolSize = v; return this; }
        public Builder extra(String key, String value) { extra.put(key, value); return this; }

        public WorkstateConfig build() {
            return new WorkstateConfig(this);
        }
    }
}
