package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Spots a truncated PDF. A complete PDF ends with {@code %%EOF} (readers tolerate up to 1 KB of
 * trailing bytes after it). PDFBox recovers text from many truncated files by scanning for objects,
 * but a vault should say that such a file is damaged rather than show metadata from part of it.
 */
final class PdfEndMarker {

    private static final int WINDOW = 1024;

    private PdfEndMarker() {
    }

    /** True when the file starts like a PDF but has no end-of-file marker in its last kilobyte. */
    static boolean missing(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            String head = read(channel, 0, (int) Math.min(WINDOW, size));
            if (!head.contains("%PDF-")) {
                return false;
            }
            String tail = read(channel, Math.max(0, size - WINDOW), (int) Math.min(WINDOW, size));
            return !tail.contains("%%EOF");
        }
    }

    private static String read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // keep reading until the window is full or the file ends
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }
}
