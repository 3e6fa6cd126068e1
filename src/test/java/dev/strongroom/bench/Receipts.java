package dev.strongroom.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark documents: plain-text receipts (an accepted type, detected from the bytes), each one
 * different from every other so that no upload is deduplicated into less work.
 */
final class Receipts {

    private static final byte[] LINE = "2026-11-30;Taxi airport to office;EUR;42.50;cost centre 4711;approved\n"
            .getBytes(StandardCharsets.US_ASCII);

    private Receipts() {
    }

    /** A template of {@code size} bytes; {@link #stamp} makes a copy unique. */
    static byte[] template(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = LINE[i % LINE.length];
        }
        return bytes;
    }

    /** Writes a unique first line ({@code id}) over the template's start, in place. */
    static byte[] stamp(byte[] template, String id) {
        byte[] head = ("receipt " + id + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, template, 0, Math.min(head.length, template.length));
        return template;
    }

    /** Writes a text file of exactly {@code size} bytes whose first line is {@code id}. */
    static void write(Path file, long size, String id) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] block = template(1 << 20);
            stamp(block, id);
            long left = size;
            boolean first = true;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
                if (first) {
                    block = template(1 << 20);
                    first = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
