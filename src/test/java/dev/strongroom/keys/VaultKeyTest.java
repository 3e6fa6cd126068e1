package dev.strongroom.keys;

import dev.strongroom.security.TestKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.http.ProblemException;
import dev.strongroom.keys.TestCustody;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.PublishedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's signing key as signers see it: made once for a new vault and named in its key history,
 * kept as PEM on the data volume with the private half readable by the owner only, the same key after
 * every restart, a key from before key histories kept, and a key file that is not the key the history
 * names refused rather than signed with or replaced.
 */
class VaultKeyTest {

    @TempDir
    Path data;

    @Test
    void aKeyIsMadeOnceAndSignaturesVerifyWithTheHalfTheHistoryPublishes() throws Exception {
        List<String> audited = new ArrayList<>();
        VaultKey key = new VaultKey(TestCustody.onVolume(data, audited));
        byte[] message = "receipt payload ü".getBytes(StandardCharsets.UTF_8);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key.publicKey());
        verifier.update(message);
        assertTrue(verifier.verify(key.sign(message)));
        assertTrue(key.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(key.publicKeyPem().endsWith("\n-----END PUBLIC KEY-----\n"));
        PublishedKey published = KeyHistory.read(data.resolve("keys/history.json")).current().orElseThrow();
        assertEquals(key.current().keyId(), published.keyId());
        assertEquals(key.publicKeyPem(), published.publicKeyPem());
        assertEquals(List.of("key.create success"), audited, "a new key is audited, once");
    }

    @Test
    void theKeySurvivesARestart() {
        VaultKey first = TestKeys.in(data);
        List<String> audited = new ArrayList<>();
        VaultKey again = new VaultKey(TestCustody.onVolume(data, audited));

        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertArrayEquals(first.sign(new byte[] { 1, 2, 3 }), again.sign(new byte[] { 1, 2, 3 }));
        assertEquals(List.of(), audited, "nothing made, nothing restored");
    }

    @Test
    void thePrivateKeyIsReadableByTheOwnerOnlyAndNoTempFileIsLeft() throws Exception {
        String keyId = TestKeys.in(data).current().keyId();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("keys/" + keyId + ".key.pem"))));
        try (Stream<Path> files = Files.list(data.resolve("keys"))) {
            assertEquals(List.of(keyId + ".key.pem", "history.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aKeyFileHoldingAnotherKeyIsRefusedNotSignedWithNorReplaced(@TempDir Path other) throws Exception {
        String keyId = TestKeys.in(data).current().keyId();
        String otherId = TestKeys.in(other).current().keyId();
        Files.copy(other.resolve("keys/" + otherId + ".key.pem"), data.resolve("keys/" + keyId + ".key.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> audited = new ArrayList<>();
        VaultKey key = new VaultKey(TestCustody.onVolume(data, audited));

        ProblemException refused = assertThrows(ProblemException.class, () -> key.sign(new byte[] { 1 }));

        assertEquals(503, refused.status());
        assertEquals("signing-key-missing", refused.slug());
        assertEquals(List.of("key.missing failure"), audited);
        assertEquals(List.of(keyId), key.history().keys().stream().map(PublishedKey::keyId).toList(),
                "the history still names the vault's key, and no other was made");
    }

    @Test
    void aKeyFromBeforeKeyHistoriesIsKeptAndBecomesTheHistorysFirst(@TempDir Path old) throws Exception {
        VaultKey before = TestKeys.in(old);
        String keyId = before.current().keyId();
        Files.createDirectories(data.resolve("keys"));
        Files.copy(old.resolve("keys/" + keyId + ".key.pem"), data.resolve("keys/vault-ed25519.key.pem"));
        Files.writeString(data.resolve("keys/vault-ed25519.pub.pem"), before.publicKeyPem());
        List<String> audited = new ArrayList<>();

        VaultKey key = new VaultKey(TestCustody.onVolume(data, audited));

        assertEquals(keyId, key.current().keyId());
        assertEquals(List.of("key.register success"), audited);
        assertFalse(Files.exists(data.resolve("keys/vault-ed25519.key.pem")), "the key lives under its id now");
        assertTrue(Files.isRegularFile(data.resolve("keys/" + keyId + ".key.pem")));
    }

    @Test
    void differentVaultsHaveDifferentKeys(@TempDir Path other) {
        assertNotEquals(TestKeys.in(data).publicKeyPem(), TestKeys.in(other).publicKeyPem());
    }

    @Test
    void anUnusableKeyDirectoryFailsTheStart() throws Exception {
        Files.writeString(data.resolve("keys"), "a file where the key directory belongs");

        java.io.UncheckedIOException failure = assertThrows(java.io.UncheckedIOException.class, () -> TestKeys.in(data));

        assertTrue(failure.getMessage().contains(data.resolve("keys").toString()), failure.getMessage());
    }
}
