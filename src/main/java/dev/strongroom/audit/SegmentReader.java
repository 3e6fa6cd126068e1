package dev.strongroom.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a segment's complete lines from a byte offset on, telling where each line ends; or the one line
 * that ends at an offset, read backwards from there.
 */
final class SegmentReader {

    /** Gets each line (without its line feed) and the offset just past it; returns false to stop. */
    @FunctionalInterface
    interface LineVisitor {
        boolean visit(String line, long endOffset);
    }

    private SegmentReader() {
    }

    /** Returns false when the visitor stopped the reading. Bytes after the last line feed are not a line yet. */
    static boolean forEachLine(Path segment, long fromOffset, LineVisitor visitor) {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            channel.position(fromOffset);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            long offset = fromOffset;
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.isEmpty() && !visitor.visit(text, offset)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit segment " + segment, e);
        }
    }

    /**
     * The non-empty line whose line feed is the byte just before {@code endOffset}, or null when none ends
     * there. It reads back from the offset, so its cost follows the line's length, not the offset.
     */
    static String lineEndingAt(Path segment, long endOffset) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            if (endOffset < 2 || channel.size() < endOffset || byteAt(channel, endOffset - 1) != '\n') {
                return null;
            }
            long end = endOffset - 1;
            for (int window = 4096;; window = (int) Math.min((long) window * 2, Integer.MAX_VALUE - 8)) {
                long from = Math.max(0, end - window);
                byte[] array = read(channel, from, (int) (end - from));
                for (int i = array.length - 1; i >= 0; i--) {
                    if (array[i] == '\n') {
                        return i == array.length - 1 ? null
                                : new String(array, i + 1, array.length - i - 1, StandardCharsets.UTF_8);
                    }
                }
                if (from == 0) {
                    return new String(array, StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer into = ByteBuffer.allocate(length);
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new EOFException("the segment became shorter while it was read");
            }
        }
        return into.array();
    }

    private static int byteAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, offset) == 1 ? one.get(0) : -1;
    }
}
