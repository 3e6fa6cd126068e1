package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One SHA-256 in its two spellings, and S3's composite checksum of a multipart object. */
class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexAndBase64AreTheSameDigest() {
        assertEquals(ABC, Sha256.hexOf("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", Sha256.base64OfHex(ABC));
        assertEquals(ABC, Sha256.hexOfBase64(Sha256.base64OfHex(ABC)));
    }

    @Test
    void aFileHashesLikeItsBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[600_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("blob"), bytes);

        assertEquals(Sha256.hexOf(bytes), Sha256.hexOf(file));
    }

    @Test
    void aPrefixOfAFileHashesLikeThoseBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[600_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("blob"), bytes);

        assertEquals(Sha256.hexOf(Arrays.copyOf(bytes, 300_000)), Sha256.hexOfPrefix(file, 300_000),
                "a prefix longer than one read");
        assertEquals(Sha256.hexOf(bytes), Sha256.hexOfPrefix(file, bytes.length));
        assertEquals(Sha256.hexOf(new byte[0]), Sha256.hexOfPrefix(file, 0));
    }

    @Test
    void aFileShorterThanThePrefixOrUnreadableHasNoPrefixHash(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("blob"), "abc".getBytes(StandardCharsets.US_ASCII));

        assertNull(Sha256.hexOfPrefix(file, 4));
        assertNull(Sha256.hexOfPrefix(dir.resolve("gone"), 1));
    }
}
