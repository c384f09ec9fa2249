package dev.workstate.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits between the process's stdin/stdout and the stdio transport:
 * <ul>
 *   <li>Lines that are not JSON-RPC messages are answered here (JSON-RPC {@code -32700} parse error or {@code -32600}
 *   invalid request, with the id when there is one) and never passed on, so the server keeps serving after malformed
 *   input (the SDK's own stdio transport ends the whole session on such a line); blank lines are skipped.</li>
 *   <li>At stdin EOF the transport would close the session with replies still pending. The guard holds EOF back until
 *   every request it passed on has been answered (or no reply was written for {@link #DRAIN_IDLE_MS} ms), so
 *   {@code cat requests.jsonl | workstate-mcp} gets every reply, then runs the EOF callback.</li>
 * </ul>
 *
 * <p>Thread-safe: the input side is used by the transport's single reader thread, the output side under the lock the
 * transport already takes on the stream.
 */
final class StdioGuard {
    private static final Logger LOG = LoggerFactory.getLogger(StdioGuard.class);
    static final long DRAIN_IDLE_MS = 30_000;
    private static final int MAX_LINE = 16 * 1024 * 1024;
    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper parser = JsonMapper.builder().build();
    private final McpJsonMapper sdkMapper;
    private final InputStream in;
    private final Output out;
    private final Input input;
    private final Object progress = new Object();
    private long requests;
    private long responses;
    private long lastWriteNanos = System.nanoTime();
    private final Runnable onEof;

    StdioGuard(McpJsonMapper sdkMapper, InputStream in, OutputStream out, Runnable onEof) {
        this.sdkMapper = sdkMapper;
        this.in = in;
        this.out = new Output(out);
        this.input = new Input();
        this.onEof = onEof;
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return out;
    }

    private void requestForwarded() {
        synchronized (progress) {
            requests++;
        }
    }

    private void responseWritten() {
        synchronized (progress) {
            responses++;
            lastWriteNanos = System.nanoTime();
            progress.notifyAll();
        }
    }

    private void drain() {
        synchronized (progress) {
            while (responses < requests) {
                long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteNanos);
                if (idleMs >= DRAIN_IDLE_MS) {
                    LOG.warn("stdin closed with {} request(s) unanswered after {} ms idle; exiting",
                            requests - responses, idleMs);
                    return;
                }
                try {
                    progress.wait(DRAIN_IDLE_MS - idleMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Checks one inbound line; returns it if the transport may see it, else answers it and returns null. */
    private String admit(String line) throws IOException {
        String text = line.strip();
        if (text.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = parser.readTree(text);
        } catch (JacksonException e) {
            reject(null, -32700, "Parse error: the line is not valid JSON");
            return null;
        }
        if (node == null || !node.isObject()) {
            reject(null, -32600, "Invalid Request: expected a JSON-RPC object");
            return null;
        }
        JsonNode id = node.get("id");
        Object replyId = id != null && (id.isString() || id.isIntegralNumber()) ? (id.isString() ? id.asString()
                : id.asLong()) : null;
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(sdkMapper, text);
        } catch (RuntimeException | IOException e) {
            reject(replyId, -32600, "Invalid Request: not a JSON-RPC 2.0 message");
            return null;
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            if (replyId == null || !"2.0".equals(request.jsonrpc()) || request.method() == null) {
                reject(replyId, -32600, "Invalid Request: a request needs jsonrpc \"2.0\", a method and an id");
                return null;
            }
            requestForwarded();
        }
        return text;
    }

    private void reject(Object id, int code, String message) throws IOException {
        String idJson = id == null ? "null" : id instanceof String s ? parser.writeValueAsString(s) : id.toString();
        String reply = "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"error\":{\"code\":" + code + ",\"message\":"
                + parser.writeValueAsString(message) + "}}\n";
        LOG.warn("rejected an inbound line: {}", message);
        out.writeUncounted(reply.getBytes(StandardCharsets.UTF_8));
    }

    /** The transport's stdin: admitted lines only, and EOF only after the drain. */
    private final class Input extends InputStream {
        private byte[] buffer = new byte[0];
        private int position;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= buffer.length) {
                if (eof) {
                    return -1;
                }
                String line = readLine();
                if (line == null) {
                    eof = true;
                    drain();
                    onEof.run();
                    return -1;
                }
                String admitted = admit(line);
                if (admitted != null) {
                    buffer = (admitted + "\n").getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() < MAX_LINE) {
                    line.write(c);
                }
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
    }

    /** The transport's stdout: passes bytes through and counts responses that carry an id. */
    private final class Output extends OutputStream {
        private final OutputStream target;
        private final byte[] head = new byte[RESPONSE_PREFIX.length + 1];
        private int headLength;

        Output(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target.write(b);
            track((byte) b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                track(b[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }

        synchronized void writeUncounted(byte[] line) throws IOException {
            target.write(line);
            target.flush();
        }

        private void track(byte b) {
            if (b == '\n') {
                if (isResponse()) {
                    responseWritten();
                }
                headLength = 0;
            } else if (headLength < head.length) {
                head[headLength++] = b;
            }
        }

        private boolean isResponse() {
            if (headLength < head.length) {
                return false;
            }
            for (int i = 0; i < RESPONSE_PREFIX.length; i++) {
                if (head[i] != RESPONSE_PREFIX[i]) {
                    return false;
                }
            }
            return head[RESPONSE_PREFIX.length] != 'n';
        }
    }
}
