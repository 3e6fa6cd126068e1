package dev.strongroom.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's signing key: made once, kept as PEM on the data volume with the private half readable
 * by the owner only, the same key after every restart, and refused when its two halves disagree.
 */
class VaultKeyTest {

    @TempDir
    Path data;

    @Test
    void aKeyIsMadeOnceAndSignaturesVerifyWithThePublishedHalf() throws Exception {
        VaultKey key = TestKeys.in(data);
        byte[] message = "receipt payload ü".getBytes(StandardCharsets.UTF_8);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key.publicKey());
        verifier.update(message);
        assertTrue(verifier.verify(key.sign(message)));
        assertTrue(key.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(key.publicKeyPem().endsWith("\n-----END PUBLIC KEY-----\n"));
        assertEquals(key.publicKeyPem(), Files.readString(data.resolve("keys/vault-ed25519.pub.pem")));
    }

    @Test
    void theKeySurvivesARestart() {
        VaultKey first = TestKeys.in(data);
        VaultKey again = TestKeys.in(data);

        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertArrayEquals(first.sign(new byte[] { 1, 2, 3 }), again.sign(new byte[] { 1, 2, 3 }));
    }

    @Test
    void thePrivateKeyIsReadableByTheOwnerOnlyAndNoTempFileIsLeft() throws Exception {
        TestKeys.in(data);

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("keys/vault-ed25519.key.pem"))));
        try (Stream<Path> files = Files.list(data.resolve("keys"))) {
            assertEquals(List.of("vault-ed25519.key.pem", "vault-ed25519.pub.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aPublicKeyFileOfAnotherKeyIsRefused(@TempDir Path other) throws Exception {
        TestKeys.in(data);
        TestKeys.in(other);
        Files.copy(other.resolve("keys/vault-ed25519.pub.pem"), data.resolve("keys/vault-ed25519.pub.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestKeys.in(data));

        assertEquals("the vault key in " + data.resolve("keys") + " is unusable", refused.getMessage());
        assertEquals("the public key file does not belong to the private key", refused.getCause().getMessage());
    }

    @Test
    void differentVaultsHaveDifferentKeys(@TempDir Path other) {
        assertNotEquals(TestKeys.in(data).publicKeyPem(), TestKeys.in(other).publicKeyPem());
    }

    @Test
    void anUnreadableKeyDirectoryFailsTheStart() throws Exception {
        Files.writeString(data.resolve("keys"), "a file where the key directory belongs");

        java.io.UncheckedIOException failure = assertThrows(java.io.UncheckedIOException.class, () -> TestKeys.in(data));

        assertEquals("cannot read the vault key in " + data.resolve("keys"), failure.getMessage());
    }
}
