package dev.workstate.storage.markdown.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive write lock of one store directory: a JVM-wide reentrant lock per directory (so several store handles in
 * one JVM take turns, and {@link FileChannel#lock()} never overlaps inside the JVM) plus an OS file lock on
 * {@code .lock} (so other processes take turns).
 *
 * <p>Thread-safe.
 */
final class DirLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock jvm;
    private final FileChannel channel;
    private FileLock fileLock;

    DirLock(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        this.jvm = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        this.channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    void lock() throws IOException {
        jvm.lock();
        if (jvm.getHoldCount() == 1) {
            try {
                fileLock = channel.lock();
            } catch (IOException | RuntimeException e) {
                jvm.unlock();
                throw e;
            }
        }
    }

    void unlock() {
        try {
            if (jvm.getHoldCount() == 1 && fileLock != null) {
                fileLock.release();
                fileLock = null;
            }
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        } finally {
            jvm.unlock();
        }
    }

    boolean heldByCurrentThread() {
        return jvm.isHeldByCurrentThread();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
