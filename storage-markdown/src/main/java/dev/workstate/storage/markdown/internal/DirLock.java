package dev.workstate.storage.markdown.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive write lock of one store directory: a JVM-wide reentrant lock per directory (so several store handles in
 * one JVM take turns, and {@link FileChannel#lock()} never overlaps inside the JVM) plus an OS file lock on
 * {@code .lock} (so other processes take turns). Handles on the same directory share one channel: with POSIX locks,
 * closing any descriptor of the file would drop the lock another handle holds.
 *
 * <p>Thread-safe.
 */
final class DirLock implements AutoCloseable {
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private static final class Shared {
        final ReentrantLock jvm = new ReentrantLock();
        final FileChannel channel;
        int handles;
        FileLock fileLock;

        Shared(FileChannel channel) {
            this.channel = channel;
        }
    }

    private final Path key;
    private final Shared shared;
    private boolean closed;

    DirLock(Path dir) throws IOException {
        this.key = dir.toAbsolutePath().normalize();
        synchronized (SHARED) {
            Shared s = SHARED.get(key);
            if (s == null) {
                s = new Shared(FileChannel.open(key.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE));
                SHARED.put(key, s);
            }
            s.handles++;
            this.shared = s;
        }
    }

    void lock() throws IOException {
        shared.jvm.lock();
        if (shared.jvm.getHoldCount() == 1) {
            try {
                shared.fileLock = shared.channel.lock();
            } catch (IOException | RuntimeException e) {
                shared.jvm.unlock();
                throw e;
            }
        }
    }

    void unlock() {
        try {
            if (shared.jvm.getHoldCount() == 1 && shared.fileLock != null) {
                shared.fileLock.release();
                shared.fileLock = null;
            }
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        } finally {
            shared.jvm.unlock();
        }
    }

    @Override
    public void close() {
        synchronized (SHARED) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.handles == 0) {
                SHARED.remove(key);
                try {
                    shared.channel.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
        }
    }
}
