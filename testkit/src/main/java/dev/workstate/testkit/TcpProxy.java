package dev.workstate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for fault-injection tests: clients connect to {@link #port()} on the loopback interface and are
 * forwarded to {@code host:port} (e.g. a PostgreSQL server). {@link #cut()} drops every open connection and refuses new
 * ones, like a server that died or a network that broke; {@link #restore()} lets connections through again;
 * {@link #cutAfterBytesToServer(long)} breaks the connections once that many more bytes went to the server (in the middle
 * of a transaction or a replay).
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start("localhost", pgPort)) {
 *     String url = "jdbc:postgresql://localhost:" + proxy.port() + "/db";
 *     ... proxy.cut(); ... proxy.restore(); ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong toServer = new AtomicLong();
    private volatile boolean cut;
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and refuses (immediately closes) new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        dropAll();
    }

    /** Lets connections through again (existing clients must reconnect, as after a real outage). */
    public void restore() {
        cutAt = Long.MAX_VALUE;
        cut = false;
    }

    /** Cuts (as {@link #cut()}) as soon as {@code bytes} more bytes have been forwarded to the server. */
    public void cutAfterBytesToServer(long bytes) {
        cutAt = toServer.get() + bytes;
    }

    public boolean isCut() {
        return cut;
    }

    /** Bytes forwarded to the server since the proxy started. */
    public long bytesToServer() {
        return toServer.get();
    }

    @Override
    public void close() {
        closed = true;
        cut = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
    }

    private void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream, true);
            pump(upstream, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean towardServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (cut) {
                        break;
                    }
                    if (towardServer) {
                        long after = toServer.addAndGet(n);
                        if (after >= cutAt) {
                            cut();
                            break;
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other side or cut() closed the connection
            } catch (IOException e) {
                // same: the connection is gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
