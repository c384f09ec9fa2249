package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault-injection TCP proxy against a real echo server on loopback. */
class TcpProxyTest {
    private ServerSocket echo;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client gone
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes());
        s.getOutputStream().flush();
        byte[] buf = new byte[text.length()];
        int read = 0;
        while (read < buf.length) {
            int n = s.getInputStream().read(buf, read, buf.length - read);
            if (n < 0) {
                throw new IOException("closed");
            }
            read += n;
        }
        return new String(buf);
    }

    @Test
    void forwardsCutsAndRestores() throws IOException {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort())) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                s.setSoTimeout(5_000);
                assertThat(roundTrip(s, "hello")).isEqualTo("hello");
                proxy.cut();
                assertThatThrownBy(() -> roundTrip(s, "again")).isInstanceOf(IOException.class);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                s.setSoTimeout(5_000);
                assertThatThrownBy(() -> roundTrip(s, "refused")).isInstanceOf(IOException.class);
            }
            proxy.restore();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                s.setSoTimeout(5_000);
                assertThat(roundTrip(s, "back")).isEqualTo("back");
                proxy.cutAfterBytesToServer(3);
                assertThatThrownBy(() -> roundTrip(s, "cut mid-way")).isInstanceOf(IOException.class);
                assertThat(proxy.isCut()).isTrue();
            }
        }
    }
}
