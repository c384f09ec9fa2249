package dev.workstate.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A stdio transport for the MCP server that writes each outgoing message synchronously, under one lock, on the thread
 * that sends it.
 *
 * <p>Why not the SDK's {@link StdioServerTransportProvider}: in 2.1.0 it pushes replies from every handler thread into
 * a unicast Reactor sink that needs serialised emission and gives up after 100 ms of contention ("Failed to enqueue
 * message"), so under load a burst of concurrent tool calls loses replies and the client waits forever (reproduced
 * with 20 queued calls on a busy machine). Reading stays as in the SDK: one reader thread, one message per line, each
 * handed to the session, whose tool handlers run on Reactor's bounded-elastic pool.
 *
 * <p>Thread-safe.
 */
final class SerialStdioTransportProvider implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(SerialStdioTransportProvider.class);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> protocolVersions;
    private volatile McpServerSession session;
    private volatile boolean closing;

    SerialStdioTransportProvider(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
        // The protocol versions the SDK's own stdio transport agrees to.
        this.protocolVersions = new StdioServerTransportProvider(mapper, InputStream.nullInputStream(),
                OutputStream.nullOutputStream()).protocolVersions();
    }

    @Override
    public List<String> protocolVersions() {
        return protocolVersions;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new Transport());
        // Non-daemon: the process lives as long as stdin is open.
        Thread reader = new Thread(this::readLoop, "mcp-stdin");
        reader.start();
    }

    private void readLoop() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && !closing; line = reader.readLine()) {
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping an unreadable message: {}", e.getMessage());
                    continue;
                }
                session.handle(message).subscribe(null, e -> LOG.warn("handling a message failed", e));
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.warn("reading stdin failed", e);
            }
        } finally {
            closing = true;
            McpServerSession s = session;
            if (s != null) {
                s.close();
            }
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.error(new IllegalStateException("no session")) : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        closing = true;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    /** The session's side: serialise and write one line per message, under the output's lock. */
    private final class Transport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                String json;
                try {
                    json = mapper.writeValueAsString(message);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot serialise a message", e);
                }
                // One message per line: JSON strings escape newlines already; a raw one would break framing.
                byte[] bytes = (json.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    try {
                        out.write(bytes);
                        out.flush();
                    } catch (IOException e) {
                        if (!closing) {
                            LOG.warn("writing to stdout failed", e);
                        }
                    }
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> closing = true);
        }

        @Override
        public void close() {
            closing = true;
        }
    }
}
