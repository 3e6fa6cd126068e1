package dev.strongroom.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * SHA-256 of a blob's regions, as a multipart upload sends them, and the composite checksum S3
 * makes of them: the SHA-256 of the parts' digests, concatenated in part order.
 */
public final class PartDigests {

    /** S3's smallest part, for every part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private PartDigests() {
    }

    /** A composite checksum, base64 without the part count, of {@code parts} parts of {@code partSize} bytes. */
    public record Composite(String checksum, int parts, long partSize) {
    }

    public static long partSize(long configured) {
        return Math.max(configured, MIN_PART_SIZE);
    }

    public static String composite(byte[] concatenatedPartDigests) {
        return Base64.getEncoder().encodeToString(Sha256.digest().digest(concatenatedPartDigests));
    }

    /**
     * The composite of the whole blob in parts of {@code partSize}; {@code whole}, when given, is
     * fed every byte, so the caller can check the blob against its SHA-256 in the same read.
     */
    public static Composite of(Path blob, long size, long partSize, MessageDigest whole) {
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        int parts = 0;
        for (long offset = 0; offset < size; offset += partSize) {
            digests.writeBytes(region(blob, offset, Math.min(partSize, size - offset), whole));
            parts++;
        }
        return new Composite(composite(digests.toByteArray()), parts, partSize);
    }

    /** The SHA-256 of {@code length} bytes from {@code offset}; {@code alsoInto}, when given, sees them too. */
    public static byte[] region(Path blob, long offset, long length, MessageDigest alsoInto) {
        MessageDigest part = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
        try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new ObjectRefused("the local blob is shorter than its recorded size");
                }
                part.update(buffer.array(), 0, n);
                if (alsoInto != null) {
                    alsoInto.update(buffer.array(), 0, n);
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
        return part.digest();
    }
}
