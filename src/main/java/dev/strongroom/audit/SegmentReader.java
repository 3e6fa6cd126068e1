package dev.strongroom.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a segment's complete lines from a byte offset on, telling where each line ends. */
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
}
