package dev.strongroom.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 in the two spellings we meet: hex in the catalog, manifests and sha256sum files; base64 in
 * S3's {@code x-amz-checksum-sha256}. The same digest, carried from upload to restore.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    public static String hexOfBase64(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String hexOf(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    public static String hexOf(Path file) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return hex(digest.digest());
    }

    /** The SHA-256 of a file's first {@code bytes} bytes; null when it is shorter or unreadable. */
    public static String hexOfPrefix(Path file, long bytes) {
        MessageDigest digest = digest();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            long left = bytes;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return null;
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            return null;
        }
        return hex(digest.digest());
    }
}
