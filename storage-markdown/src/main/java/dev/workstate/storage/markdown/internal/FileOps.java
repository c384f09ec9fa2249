package dev.workstate.storage.markdown.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Low-level file access: reading a small file in few system calls, atomic replace (temp file in the same directory,
 * then rename), positioned append, and fsync of files and directories where the platform allows it.
 *
 * <p>Stateless; thread-safe.
 */
final class FileOps {
    static final String TEMP_SUFFIX = ".tmp";
    /** Files up to this size are read in one call (record files are a few hundred bytes to a few kilobytes). */
    static final int SMALL_FILE = 64 * 1024;
    /** One read buffer per thread; loading parses files on several threads at once. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocate(SMALL_FILE));

    private FileOps() {
    }

    /** Writes {@code content} to {@code target} atomically: readers see the old or the new file, never a mix. */
    /**
     * Reads a whole file as strict UTF-8 (malformed input is a {@link CharacterCodingException}, as
     * with {@link Files#readString}) in three system calls for files up to {@value #SMALL_FILE} bytes — open, read,
     * close — where {@code Files.readString} makes five (it also asks the size and reads once more to see the end).
     * Opening a store reads every record file, and on virtual machines the system calls are the dearest part of that.
     */
    static String readUtf8(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = READ_BUFFER.get().clear();
            int n = ch.read(buf);
            if (n < 0) {
                return "";
            }
            if (buf.hasRemaining()) {
                // A read of a regular file returns less than asked for only at its end.
                return decode(buf.array(), buf.position());
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(2 * SMALL_FILE);
            all.write(buf.array(), 0, buf.position());
            try (InputStream rest = Channels.newInputStream(ch)) {
                rest.transferTo(all);
            }
            return decode(all.toByteArray(), all.size());
        }
    }

    /** A file's bytes: {@code array[0..length)}. */
    record Bytes(byte[] array, int length) {
        /** The bytes in an array of their own. */
        byte[] copy() {
            return array.length == length ? array : java.util.Arrays.copyOf(array, length);
        }
    }

    /**
     * Reads a whole file's bytes in three system calls for files up to {@value #SMALL_FILE} bytes, like
     * {@link #readUtf8}. The array of a small file is this thread's read buffer: valid until its next read.
     */
    static Bytes readBytes(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = READ_BUFFER.get().clear();
            int n = ch.read(buf);
            if (n < 0) {
                return new Bytes(new byte[0], 0);
            }
            if (buf.hasRemaining()) {
                return new Bytes(buf.array(), buf.position());
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(2 * SMALL_FILE);
            all.write(buf.array(), 0, buf.position());
            try (InputStream rest = Channels.newInputStream(ch)) {
                rest.transferTo(all);
            }
            byte[] bytes = all.toByteArray();
            return new Bytes(bytes, bytes.length);
        }
    }

    /** Decodes strict UTF-8 like {@link #readUtf8}. */
    static String decode(byte[] bytes, int length) throws CharacterCodingException {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        // The fast decoder replaces malformed input with U+FFFD; only then is the strict (slower) one asked.
        if (text.indexOf('\uFFFD') >= 0) {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        }
        return text;
    }

    static void writeAtomic(Path target, String content, boolean sync) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + TEMP_SUFFIX);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (sync) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Truncates {@code target} to {@code offset} and writes {@code content} there (idempotent, so a redo is safe). */
    static void appendAt(Path target, long offset, String content) throws IOException {
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() > offset) {
                ch.truncate(offset);
            }
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            long pos = offset;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        }
    }

    static void sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException ignored) {
            // deleted since, or not syncable here: nothing left to make durable
        }
    }

    /** Syncs a directory so renames in it are durable; not possible on every platform, so failures are ignored. */
    static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open directories; the rename is still atomic there
        }
    }
}
